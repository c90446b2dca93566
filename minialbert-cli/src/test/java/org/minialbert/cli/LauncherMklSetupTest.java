package org.minialbert.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's choice of whether to preload MKL's one-function library ({@code native/mkl-any-cpu.sh},
 * which {@code ./minialbert} sources): run in bash, as the launcher runs it, on processor descriptions
 * written like {@code /proc/cpuinfo}, with a stand-in compiler that records its calls, and once with
 * the machine's own C compiler.
 */
class LauncherMklSetupTest {
    private static final Path REPOSITORY = repositoryRoot();
    private static final Path SCRIPT = REPOSITORY.resolve("native/mkl-any-cpu.sh");
    private static final String AMD = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx fma avx2 bmi2\n";
    private static final String INTEL = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx fma avx2 bmi2\n";
    private static final String AMD_WITHOUT_FMA = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx avx2\n";
    private static final String KERNEL = "-Dminialbert.linear-kernel=engine";

    @TempDir
    Path tmp;
    private Path lib;
    private Path source;
    private Path compilerLog;
    private Path compiler;

    @BeforeEach
    void stageSourceAndStandInCompiler() throws IOException {
        assertThat(SCRIPT).as("the launcher's script, in or above %s", Path.of("").toAbsolutePath())
                .isRegularFile();
        lib = tmp.resolve("native/libmkl-any-cpu.so");
        source = Files.copy(REPOSITORY.resolve("native/mkl-any-cpu.c"), tmp.resolve("mkl-any-cpu.c"));
        compilerLog = tmp.resolve("compiler.log");
        compiler = tmp.resolve("fake-cc");
        // writes its arguments to the log and an empty file where -o points, as a compiler would
        Files.writeString(compiler, "#!/bin/sh\necho \"$@\" >> '" + compilerLog + "'\n"
                + "while [ $# -gt 0 ]; do if [ \"$1\" = -o ]; then : > \"$2\"; fi; shift; done\n");
        assertThat(compiler.toFile().setExecutable(true)).isTrue();
    }

    @Test
    void preloadsOnAmdWithAvx2AndFmaBuildingTheLibraryOnce() throws Exception {
        Outcome first = run("auto", AMD, Map.of("CC", compiler.toString()));
        assertThat(first.rc()).isZero();
        assertThat(first.preload()).isEqualTo(lib.toString());
        assertThat(first.kernel()).isEqualTo(KERNEL);
        assertThat(first.stderr()).isEmpty();
        assertThat(Files.readAllLines(compilerLog)).containsExactly("-shared -fPIC -O2 -o " + lib + " " + source);

        Outcome second = run("auto", AMD, Map.of("CC", compiler.toString(), "LD_PRELOAD", "/opt/other.so"));
        assertThat(second.preload()).isEqualTo(lib + ":/opt/other.so");
        assertThat(Files.readAllLines(compilerLog)).as("built once: the library is newer than its source").hasSize(1);
    }

    @Test
    void rebuildsWhenTheSourceIsNewer() throws Exception {
        Files.createDirectories(lib.getParent());
        Files.writeString(lib, "old");
        Files.setLastModifiedTime(lib, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() - 60_000));
        Outcome outcome = run("1", AMD, Map.of("CC", compiler.toString()));
        assertThat(outcome.preload()).isEqualTo(lib.toString());
        assertThat(Files.readAllLines(compilerLog)).hasSize(1);
        assertThat(lib).isEmptyFile();
    }

    @Test
    void leavesTheKernelToJavaOptsWhenTheyNameIt() throws Exception {
        Outcome outcome = run("auto", AMD,
                Map.of("CC", compiler.toString(), "JAVA_OPTS", "-Xmx4g -Dminialbert.linear-kernel=onednn"));
        assertThat(outcome.preload()).isEqualTo(lib.toString());
        assertThat(outcome.kernel()).isEmpty();
    }

    @Test
    void preloadsNothingElsewhereAndSaysWhyOnlyWhenAskedFor() throws Exception {
        for (String cpu : List.of(INTEL, AMD_WITHOUT_FMA)) {
            Outcome auto = run("auto", cpu, Map.of("CC", compiler.toString()));
            assertThat(auto.rc()).isZero();
            assertThat(auto.preload()).isEmpty();
            assertThat(auto.kernel()).isEmpty();
            assertThat(auto.stderr()).isEmpty();
            Outcome asked = run("1", cpu, Map.of("CC", compiler.toString()));
            assertThat(asked.preload()).isEmpty();
            assertThat(asked.stderr()).contains("MINIALBERT_MKL_ANY_CPU=1 ignored: not an AMD processor with AVX2 and FMA");
        }
        assertThat(compilerLog).doesNotExist();
    }

    @Test
    void preloadsNothingWithoutACompiler() throws Exception {
        Map<String, String> noCompiler = Map.of("CC", tmp.resolve("no-such-cc").toString());
        Outcome auto = run("auto", AMD, noCompiler);
        assertThat(auto.rc()).isZero();
        assertThat(auto.preload()).isEmpty();
        assertThat(auto.stderr()).isEmpty();
        assertThat(run("1", AMD, noCompiler).stderr()).contains("ignored: cannot build " + lib + " (needs a C compiler");
    }

    @Test
    void zeroTurnsItOffAndOtherValuesAreErrors() throws Exception {
        Outcome off = run("0", AMD, Map.of("CC", compiler.toString()));
        assertThat(off.rc()).isZero();
        assertThat(off.preload()).isEmpty();
        assertThat(compilerLog).doesNotExist();
        Outcome wrong = run("yes", AMD, Map.of("CC", compiler.toString()));
        assertThat(wrong.rc()).isEqualTo(2);
        assertThat(wrong.stderr()).contains("MINIALBERT_MKL_ANY_CPU takes auto, 1 or 0, not 'yes'");
    }

    @Test
    void theMachinesCompilerBuildsALibraryThatDefinesMklsQuestion() throws Exception {
        assumeTrue(onPath("cc") && onPath("nm"), "skipped: needs a C compiler (cc) and nm on the PATH");
        Outcome outcome = run("1", AMD, Map.of());
        assertThat(outcome.stderr()).isEmpty();
        assertThat(outcome.preload()).isEqualTo(lib.toString());
        Process nm = new ProcessBuilder("nm", "-D", "--defined-only", lib.toString()).redirectErrorStream(true).start();
        String symbols = new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(nm.waitFor()).isZero();
        assertThat(symbols).containsPattern("\\sT mkl_serv_intel_cpu_true\\b");
    }

    /** Sources the script in bash with the launcher's options and calls its function. */
    private Outcome run(String mode, String cpuinfo, Map<String, String> env) throws Exception {
        Path cpuFile = Files.writeString(tmp.resolve("cpuinfo"), cpuinfo);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; . \"$1\"; rc=0; mkl_any_cpu_setup \"$2\" \"$3\" \"$4\" \"$5\" || rc=$?; "
                        + "echo \"rc=$rc\"; echo \"preload=${LD_PRELOAD:-}\"; echo \"kernel=${kernel_opt:-}\"",
                "bash", SCRIPT.toString(), mode, cpuFile.toString(), lib.toString(), source.toString());
        builder.environment().keySet().removeAll(List.of("LD_PRELOAD", "JAVA_OPTS", "CC"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("bash itself: %s", err).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(3);
        return new Outcome(Integer.parseInt(value(lines.get(0), "rc=")), value(lines.get(1), "preload="),
                value(lines.get(2), "kernel="), err);
    }

    private static String value(String line, String key) {
        assertThat(line).startsWith(key);
        return line.substring(key.length());
    }

    /** The working directory or the nearest folder above it that holds the script (Maven runs tests in a module). */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("native/mkl-any-cpu.sh"))) {
                return dir;
            }
        }
        return start;
    }

    private static boolean onPath(String command) throws Exception {
        return new ProcessBuilder("bash", "-c", "command -v " + command).start().waitFor() == 0;
    }

    private record Outcome(int rc, String preload, String kernel, String stderr) {
    }
}
