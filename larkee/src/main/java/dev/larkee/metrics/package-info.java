/** larkee's counters for operators: published as MicroProfile Metrics where the server has them. */
package dev.larkee.metrics;
