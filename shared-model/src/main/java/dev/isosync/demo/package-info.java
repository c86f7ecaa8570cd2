/** The demo app's models. */
package dev.isosync.demo;
