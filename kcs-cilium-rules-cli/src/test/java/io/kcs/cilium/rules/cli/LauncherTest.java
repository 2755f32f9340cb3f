package io.kcs.cilium.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./kcs-cilium-rules}, run by bash in a copy of the repository layout with stub
 * {@code mvn} and {@code java} commands that record how they are called (no real build).
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "kcs-cilium-rules");

    @TempDir
    Path dir;

    private Path repo;
    private Path stubs;
    private Path calls;

    /** Exit code and output of one launcher run. */
    record Result(int code, String out, String err) {}

    @BeforeEach
    void layout() throws IOException {
        assumeTrue(Files.isRegularFile(LAUNCHER), "launcher script not found at " + LAUNCHER.toAbsolutePath());
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash not available");
        repo = Files.createDirectories(dir.resolve("repo"));
        Files.copy(LAUNCHER, repo.resolve("kcs-cilium-rules"));
        executable(repo.resolve("kcs-cilium-rules"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(repo.resolve("kcs-cilium-rules-cli/src/main/java"));
        Files.writeString(repo.resolve("kcs-cilium-rules-cli/pom.xml"), "<project/>\n");
        Files.writeString(repo.resolve("kcs-cilium-rules-cli/src/main/java/A.java"), "class A {}\n");
        stubs = Files.createDirectories(dir.resolve("stubs"));
        calls = dir.resolve("calls.log");
        // mvn: records its arguments and produces the jar.
        stub("mvn", "echo \"mvn $*\" >> '" + calls + "'\n"
                + "mkdir -p kcs-cilium-rules-cli/target && echo jar > kcs-cilium-rules-cli/target/kcs-cilium-rules.jar\n");
        // java: answers the version query, writes the CDS archive of a training run, else echoes its arguments.
        stub("java", "echo \"java $*\" >> '" + calls + "'\n"
                + "for a in \"$@\"; do case \"$a\" in\n"
                + "  -XshowSettings:properties) echo '    java.specification.version = 17' >&2; exit 0;;\n"
                + "  -XX:ArchiveClassesAtExit=*) echo cds > \"${a#-XX:ArchiveClassesAtExit=}\"; exit 0;;\n"
                + "esac; done\n"
                + "echo \"RUN $*\"\n");
    }

    private void stub(String name, String body) throws IOException {
        Path p = stubs.resolve(name);
        Files.writeString(p, "#!/bin/bash\n" + body);
        executable(p);
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result launch(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("PATH", stubs + ":/usr/bin:/bin");
        pb.environment().remove("JAVA_HOME");
        pb.redirectOutput(dir.resolve("out.txt").toFile());
        pb.redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private long builds() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls).stream().filter(l -> l.startsWith("mvn ")).count() : 0;
    }

    private void touchLater(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().plusSeconds(60)));
    }

    @Test
    void buildsOnFirstUseQuietlyAndSaysSo() throws Exception {
        Result r = launch(repo.resolve("kcs-cilium-rules"), "check", "10.0.0.0/8");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("building the command-line tool (about a minute)...");
        assertThat(builds()).isEqualTo(1);
        String mvn = Files.readAllLines(calls).stream().filter(l -> l.startsWith("mvn ")).findFirst().orElseThrow();
        assertThat(mvn).contains("-B").contains("-ntp").contains("-q").contains("-DskipTests").contains("package");
        assertThat(r.out()).contains("-jar " + repo.toRealPath().resolve("kcs-cilium-rules-cli/target/kcs-cilium-rules.jar")
                + " check 10.0.0.0/8");
        Result again = launch(repo.resolve("kcs-cilium-rules"), "check", "x");
        assertThat(builds()).as("no rebuild when nothing changed").isEqualTo(1);
        assertThat(again.err()).isEmpty();
    }

    @Test
    void worksThroughASymlinkInAnotherDirectory() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("home/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("kcs-cilium-rules"), repo.resolve("kcs-cilium-rules"));
        Result r = launch(link, "check", "10.0.0.0/8");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("RUN ").contains(repo.toRealPath().toString());
        assertThat(repo.resolve("kcs-cilium-rules-cli/target/kcs-cilium-rules.jar")).exists();
    }

    @Test
    void rebuildsWhenAPomOrASourceChanges() throws Exception {
        launch(repo.resolve("kcs-cilium-rules"), "check", "x");
        assertThat(builds()).isEqualTo(1);
        touchLater(repo.resolve("pom.xml"));
        launch(repo.resolve("kcs-cilium-rules"), "check", "x");
        assertThat(builds()).as("root pom.xml changed").isEqualTo(2);
        Files.setLastModifiedTime(repo.resolve("kcs-cilium-rules-cli/target/kcs-cilium-rules.jar"),
                FileTime.from(Instant.now().plusSeconds(120)));
        launch(repo.resolve("kcs-cilium-rules"), "check", "x");
        assertThat(builds()).as("nothing newer than the jar").isEqualTo(2);
        Files.setLastModifiedTime(repo.resolve("kcs-cilium-rules-cli/pom.xml"),
                FileTime.from(Instant.now().plusSeconds(180)));
        launch(repo.resolve("kcs-cilium-rules"), "check", "x");
        assertThat(builds()).as("module pom.xml changed").isEqualTo(3);
        Files.setLastModifiedTime(repo.resolve("kcs-cilium-rules-cli/src/main/java/A.java"),
                FileTime.from(Instant.now().plusSeconds(240)));
        launch(repo.resolve("kcs-cilium-rules"), "check", "x");
        assertThat(builds()).as("a source changed").isEqualTo(4);
    }

    @Test
    void startsTheJvmWithTheFastStartOptionsAndTheCdsArchive() throws Exception {
        Result r = launch(repo.resolve("kcs-cilium-rules"), "check", "x");
        assertThat(r.out()).contains("-XX:TieredStopAtLevel=1").contains("-XX:+UseSerialGC")
                .contains("-XX:SharedArchiveFile=");
        assertThat(repo.resolve("kcs-cilium-rules-cli/target/kcs-cilium-rules.jsa")).exists();
    }

    @Test
    void theWebhookServerRunsWithTheOptimisingJitAndTheSerialCollector() throws Exception {
        Result r = launch(repo.resolve("kcs-cilium-rules"), "webhook", "--port", "1");
        assertThat(r.out()).doesNotContain("-XX:TieredStopAtLevel=1").contains("-XX:+UseSerialGC")
                .contains("-XX:SharedArchiveFile=").contains("webhook --port 1");
        Result check = launch(repo.resolve("kcs-cilium-rules"), "check", "webhook");
        assertThat(check.out()).as("only the command decides, not an argument")
                .contains("-XX:TieredStopAtLevel=1").contains("-XX:+UseSerialGC");
    }

    @Test
    void aFailedBuildShowsMavensOutputAndExitsWithThree() throws Exception {
        stub("mvn", "echo '[ERROR] COMPILATION ERROR: A.java' ; exit 1\n");
        Result r = launch(repo.resolve("kcs-cilium-rules"), "check", "x");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("COMPILATION ERROR").contains("build failed");
        assertThat(r.out()).isEmpty();
    }
}
