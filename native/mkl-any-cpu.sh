# shellcheck shell=bash
# Sourced by ./minialbert (and by LauncherMklSetupTest): whether to preload the library that
# native/mkl-any-cpu.c builds, which lets MKL use its AVX2 kernels on AMD processors
# (docs/performance.md, change 21).
#
# mkl_any_cpu_setup MODE CPUINFO LIB SRC
#   MODE     auto (on AMD processors with AVX2 and FMA, when LIB is built or a C compiler, $CC or cc,
#            can build it from SRC), 1 (the same, and say on stderr why when it cannot) or 0 (off):
#            the value of MINIALBERT_MKL_ANY_CPU
#   CPUINFO  /proc/cpuinfo, or a file written like it
#   LIB      the library; built when it is missing or older than SRC
#   SRC      native/mkl-any-cpu.c ($CC, when set, must be one command without arguments)
# When it preloads, it puts LIB first in LD_PRELOAD (exported) and sets kernel_opt to
# -Dminialbert.linear-kernel=engine, unless JAVA_OPTS names that property: with these kernels MKL's
# products were as fast as oneDNN's or faster at every shape measured, so gradient-free products
# stay on the engine's operator too. Returns 2, with a message, for any other MODE.
mkl_any_cpu_setup() {
  local mode=$1 cpuinfo=$2 lib=$3 src=$4 why
  case "$mode" in
    0) return 0 ;;
    1|auto) ;;
    *) echo "minialbert: MINIALBERT_MKL_ANY_CPU takes auto, 1 or 0, not '$mode'" >&2; return 2 ;;
  esac
  if ! grep -q '^vendor_id.*AuthenticAMD' "$cpuinfo" 2>/dev/null \
      || ! grep -Eq '^flags.* avx2( |$)' "$cpuinfo" || ! grep -Eq '^flags.* fma( |$)' "$cpuinfo"; then
    why="not an AMD processor with AVX2 and FMA"
  elif { [ -f "$lib" ] && [ ! "$src" -nt "$lib" ]; } \
      || { command -v "${CC:-cc}" >/dev/null 2>&1 && mkdir -p "$(dirname "$lib")" \
           && "${CC:-cc}" -shared -fPIC -O2 -o "$lib" "$src"; }; then
    export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
    case "${JAVA_OPTS:-}" in *minialbert.linear-kernel*) ;; *) kernel_opt=-Dminialbert.linear-kernel=engine ;; esac
    return 0
  else
    why="cannot build $lib (needs a C compiler, \$CC or cc)"
  fi
  if [ "$mode" = 1 ]; then echo "minialbert: MINIALBERT_MKL_ANY_CPU=1 ignored: $why" >&2; fi
  return 0
}
