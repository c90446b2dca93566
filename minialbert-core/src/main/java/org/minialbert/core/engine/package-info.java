/**
 * Starting DJL's PyTorch engine offline: the native library comes from the
 * {@code pytorch-native-cpu} jar on the classpath (or the CUDA jar of a {@code -Pgpu} build), never
 * from the network; choosing the device a job's arrays live on ({@link DeviceChoice}); and engine
 * operators DJL does not bind, reached through TorchScript modules written from source at run time
 * ({@link TorchScriptArchive}, loaded once by {@link ScriptedModule}): {@link FusedAttention}, and
 * {@link OneDnnLinear}, the linear kernel core installs for passes that record no gradient.
 */
package org.minialbert.core.engine;
