/** Change records, checkpoints and LoopBack's rectify rules, as pure code. */
package dev.isosync.change;
