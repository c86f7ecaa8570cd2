/**
 * The benchmark command ({@code ./bench.sh}): workloads run against the real server and headless Chromium,
 * each figure printed beside a baseline measured in the same run.
 */
package dev.isosync.bench;
