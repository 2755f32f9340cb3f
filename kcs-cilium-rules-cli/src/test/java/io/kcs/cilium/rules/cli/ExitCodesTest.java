package io.kcs.cilium.rules.cli;

import static io.kcs.cilium.rules.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.kcs.cilium.rules.cli.MainTest.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Exit codes 0 ok, 1 input errors (and explain DENIED), 2 usage, 3 internal error; short usage messages. */
class ExitCodesTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException(); // message null, as a NullPointerException's often is
        }
    }

    @Test
    void anInternalErrorExitsWithThreeAndAsksForAReportWithoutPrintingNull() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        cl.addSubcommand(new Boom());
        int code = cl.execute("boom");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("internal error, please report")
                .contains("IllegalStateException").doesNotContain("null").doesNotContain("\tat ");
        assertThat(err.toString().lines().count()).isLessThanOrEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @Command(name = "deep")
    static final class Deep implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }

    @Test
    void anErrorSuchAsStackOverflowAlsoExitsWithThreeWithoutAStackTrace() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err, true);
        CommandLine cl = Main.commandLine(new PrintWriter(out, true), errWriter);
        cl.addSubcommand(new Deep());
        assertThat(Main.execute(cl, errWriter, "deep")).isEqualTo(3);
        assertThat(err.toString()).contains("internal error, please report").contains("StackOverflowError")
                .doesNotContain("\tat ");
    }

    @Test
    void usageErrorsAreShortAndPointAtHelp() {
        for (String[] args : new String[][] {
            {"translate", "--namespace", "a", "--egress", ""},                  // missing --name
            {"translate", "--namespace", "a", "--name", "p", "--bogus", ""},    // unknown option
            {"translate", "--name", "p", "--egress", ""},                       // no --namespace
            {"explain", "--egress", "", "--to"},                                 // missing option value
            {"bogus"},
        }) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("error: ").contains("--help")
                    .doesNotContain("Usage:");
            assertThat(r.err().lines().count()).as(String.join(" ", args)).isLessThanOrEqualTo(3);
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void enumOptionErrorsListTheValidValuesInLowerCase() {
        Run r = run("translate", "--namespace", "a", "--name", "p", "--egress", "", "--cni", "calico");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cilium, other").contains("calico").doesNotContain("CILIUM")
                .doesNotContain("No enum constant");
        Run f = run("explain", "--egress", "", "--to", "1.2.3.4", "--format", "yaml");
        assertThat(f.code()).isEqualTo(2);
        assertThat(f.err()).contains("text, json").doesNotContain("TEXT");
        assertThat(run("translate", "--namespace", "a", "--name", "p", "--egress", "", "--cni", "OTHER").code())
                .as("enum values are case-insensitive").isZero();
    }

    @Test
    void explainExitsWithOneWhenDenied() {
        assertThat(run("explain", "--egress", "10.0.0.0/8", "--to", "10.1.2.3").code()).isZero();
        assertThat(run("explain", "--egress", "10.0.0.0/8", "--to", "11.1.2.3").code()).isEqualTo(1);
    }

    @Test
    void translatePrintsNothingAndExitsWithOneWhenTheListHasErrors() {
        Run r = run("translate", "--namespace", "shop", "--name", "p", "--egress", "10.0.0.0/8, entity:wrld");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("[unknown-entity]").contains("no policy printed");
        Run ok = run("translate", "--namespace", "shop", "--name", "p", "--egress", "10.0.0.0/8, entity:world");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("10.0.0.0/8");
    }

    @Test
    void aRejectedHugeListNeverBecomesADenyAllPolicy() {
        String huge = "10.0.0.1,".repeat(100_001);
        for (String mode : new String[] {"--strict", "--no-strict"}) {
            Run r = run("translate", "--namespace", "shop", "--name", "p", mode, "--egress", huge);
            assertThat(r.code()).as(mode).isEqualTo(1);
            assertThat(r.out()).as(mode).isEmpty();
            assertThat(r.err()).as(mode).contains("input-too-large");
        }
    }

    @Test
    void translateMappingErrorsPrintNothing() {
        Run r = run("translate", "--namespace", "shop", "--name", "p", "--ingress", "api.example.com");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("[fqdn-in-ingress]");
    }

    @Test
    void strictTranslateAlsoRefusesWarnings() {
        String[] args = {"translate", "--namespace", "shop", "--name", "p", "--selector", "app=web", "--egress",
            "10.0.0.1/8"};
        Run lenient = run(args);
        assertThat(lenient.code()).isZero();
        assertThat(lenient.out()).contains("10.0.0.0/8");
        assertThat(lenient.err()).contains("[host-bits-set]");
        String[] strictArgs = java.util.Arrays.copyOf(args, args.length + 1);
        strictArgs[args.length] = "--strict";
        Run strict = run(strictArgs);
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.out()).isEmpty();
        assertThat(strict.err()).contains("[host-bits-set]").contains("--strict");
    }
}
