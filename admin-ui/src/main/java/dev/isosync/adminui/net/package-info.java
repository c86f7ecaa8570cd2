/** The console's ways to the server: the admin API over XMLHttpRequest and the models' change streams. */
package dev.isosync.adminui.net;
