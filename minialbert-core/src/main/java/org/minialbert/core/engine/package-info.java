/**
 * Starting DJL's PyTorch engine offline: the native library comes from the
 * {@code pytorch-native-cpu} jar on the classpath (or the CUDA jar of a GPU build), never from the
 * network.
 */
package org.minialbert.core.engine;
