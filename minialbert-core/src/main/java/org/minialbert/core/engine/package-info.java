/**
 * Starting DJL's PyTorch engine offline: the native library comes from the
 * {@code pytorch-native-cpu} jar on the classpath (or the CUDA jar of a {@code -Pgpu} build), never
 * from the network; and choosing the device a job's arrays live on ({@link DeviceChoice}).
 */
package org.minialbert.core.engine;
