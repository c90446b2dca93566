/*
 * Lets Intel MKL, which PyTorch's CPU build multiplies float32 matrices with, choose its kernels by
 * the instruction sets the processor reports rather than by who made it.
 *
 * MKL asks this one function whether it runs on an Intel processor. On others it answers no, and
 * MKL then falls back to generic kernels for many single-precision products even where the
 * processor has AVX2 and FMA: on the AMD EPYC (Zen 3) development machine the student's masked-LM
 * decoder product ran at about half the speed MKL reaches with its AVX2 kernels, and the training
 * updates took 10-15% longer (docs/performance.md, change 21). Loaded ahead of PyTorch
 * (LD_PRELOAD), the definition below is found before MKL's own, which PyTorch's library exports;
 * MKL's other checks of the processor's instruction sets are left as they are.
 *
 * ./minialbert builds it (with $CC or cc) and preloads it on AMD processors that have AVX2 and FMA,
 * unless MINIALBERT_MKL_ANY_CPU=0. To use it in your own JVM:
 *     cc -shared -fPIC -O2 -o libmkl-any-cpu.so native/mkl-any-cpu.c
 *     LD_PRELOAD=$PWD/libmkl-any-cpu.so java -Dminialbert.linear-kernel=engine ...
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
