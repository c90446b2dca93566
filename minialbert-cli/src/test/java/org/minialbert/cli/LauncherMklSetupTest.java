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
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's choice of whether to preload MKL's one-function library ({@code native/mkl-any-cpu.sh},
 * which {@code ./minialbert} sources): run in bash, as the launcher runs it, on processor descriptions
 * written like {@code /proc/cpuinfo}, with a stand-in compiler that records its calls, and once with
 * the machine's own C compiler.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the launcher and its processor check are for Linux")
class LauncherMklSetupTest {
    private static final Path REPOSITORY = repositoryRoot();
    private static final Path SCRIPT = REPOSITORY.resolve("native/mkl-any-cpu.sh");
    private static final String AMD = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx fma avx2 bmi2\n";
    private static final String INTEL = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx fma avx2 bmi2\n";
    /** fma4 is not FMA: the flag must match as a whole word. */
    private static final String AMD_WITHOUT_FMA = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx fma4 avx2\n";
    private static final String AMD_WITHOUT_AVX2 = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx fma\n";
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

        Path other = tmp.resolve("other.so");
        Outcome second = run("auto", AMD, Map.of("CC", compiler.toString(), "LD_PRELOAD", other.toString()));
        assertThat(second.rc()).isZero();
        assertThat(second.preload()).isEqualTo(lib + ":" + other);
        assertThat(Files.readAllLines(compilerLog)).as("built once: the library is newer than its source").hasSize(1);
    }

    @Test
    void rebuildsWhenTheSourceIsNewer() throws Exception {
        Files.createDirectories(lib.getParent());
        Files.writeString(lib, "old");
        Files.setLastModifiedTime(lib, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() - 60_000));
        Outcome outcome = run("1", AMD, Map.of("CC", compiler.toString()));
        assertThat(outcome.preload()).isEqualTo(lib.toString());
        assertThat(outcome.kernel()).isEqualTo(KERNEL);
        assertThat(outcome.stderr()).isEmpty();
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
        for (String cpu : List.of(INTEL, AMD_WITHOUT_FMA, AMD_WITHOUT_AVX2)) {
            Outcome auto = run("auto", cpu, Map.of("CC", compiler.toString()));
            assertPreloadsNothing(auto);
            assertThat(auto.stderr()).isEmpty();
            Outcome asked = run("1", cpu, Map.of("CC", compiler.toString()));
            assertPreloadsNothing(asked);
            assertThat(asked.stderr()).contains("MINIALBERT_MKL_ANY_CPU=1 ignored: not an AMD processor with AVX2 and FMA");
        }
        assertThat(compilerLog).doesNotExist();
    }

    @Test
    void preloadsNothingWhenTheLibraryCannotBeBuilt() throws Exception {
        Path failing = Files.writeString(tmp.resolve("failing-cc"), "#!/bin/sh\nexit 1\n");
        assertThat(failing.toFile().setExecutable(true)).isTrue();
        for (Path cc : List.of(tmp.resolve("no-such-cc"), failing)) {
            Map<String, String> env = Map.of("CC", cc.toString());
            Outcome auto = run("auto", AMD, env);
            assertPreloadsNothing(auto);
            assertThat(auto.stderr()).as("silent with auto, %s", cc).isEmpty();
            assertThat(run("1", AMD, env).stderr()).contains("ignored: cannot build " + lib + " (needs a C compiler");
        }
    }

    @Test
    void zeroTurnsItOffAndOtherValuesAreErrors() throws Exception {
        Outcome off = run("0", AMD, Map.of("CC", compiler.toString()));
        assertPreloadsNothing(off);
        assertThat(off.stderr()).isEmpty();
        Outcome wrong = run("yes", AMD, Map.of("CC", compiler.toString()));
        assertThat(wrong.rc()).isEqualTo(2);
        assertThat(wrong.preload() + wrong.kernel()).isEmpty();
        assertThat(wrong.stderr()).contains("MINIALBERT_MKL_ANY_CPU takes auto, 1 or 0, not 'yes'");
        assertThat(compilerLog).doesNotExist();
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

    /**
     * Sources the script in bash with the launcher's options and calls its function, in an environment
     * holding only PATH and {@code env}.
     */
    private Outcome run(String mode, String cpuinfo, Map<String, String> env) throws Exception {
        Path cpuFile = Files.writeString(tmp.resolve("cpuinfo"), cpuinfo);
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; . \"$1\"; rc=0; mkl_any_cpu_setup \"$2\" \"$3\" \"$4\" \"$5\" || rc=$?; "
                        + "echo \"rc=$rc\"; echo \"preload=${LD_PRELOAD:-}\"; echo \"kernel=${kernel_opt:-}\"",
                "bash", SCRIPT.toString(), mode, cpuFile.toString(), lib.toString(), source.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        String path = System.getenv("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bash did not finish within 60 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("bash itself: %s", stderr).isZero();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        return new Outcome(Integer.parseInt(value(lines.get(0), "rc=")), value(lines.get(1), "preload="),
                value(lines.get(2), "kernel="), stderr);
    }

    private static void assertPreloadsNothing(Outcome outcome) {
        assertThat(outcome.rc()).isZero();
        assertThat(outcome.preload()).isEmpty();
        assertThat(outcome.kernel()).isEmpty();
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
