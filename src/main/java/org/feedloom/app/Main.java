package org.feedloom.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.ConfigResult;
import org.feedloom.model.Problem;
import org.feedloom.seed.SeedLoader;
import org.feedloom.seed.SeedResult;

/** The command line: {@code serve} (default), {@code check}, {@code export}, {@code --help}, {@code --version}. */
public final class Main {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int INVALID = 2;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK || !isServe(args)) {
            System.exit(code);
        }
    }

    private static boolean isServe(String[] args) {
        try {
            return Options.parse(args).command().equals("serve");
        } catch (Options.UsageException e) {
            return false;
        }
    }

    /** Runs a command; returns the exit code. {@code serve} returns once the server is up (it keeps running). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println("feedloom: " + e.getMessage() + " (try --help)");
            return INVALID;
        }
        return switch (options.command()) {
            case "help" -> { out.print(Options.USAGE); yield OK; }
            case "version" -> { out.println("feedloom " + Version.get()); yield OK; }
            case "check" -> check(options, out, err);
            case "export" -> Export.run(options, out, err);
            default -> Server.start(options, out, err) != null ? OK : INVALID;
        };
    }

    private static int check(Options options, PrintStream out, PrintStream err) {
        ConfigResult config = ConfigLoader.load(options.config());
        SeedResult seeds = SeedLoader.load(options.seeds());
        List<Problem> problems = new ArrayList<>(config.problems());
        problems.addAll(seeds.problems());
        problems.forEach(err::println);
        if (!problems.isEmpty()) {
            err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found");
            return INVALID;
        }
        out.println("ok: " + seeds.files().size() + " seed files (" + seeds.recordCount() + " records), "
                + config.config().sources().size() + " sources, " + config.config().topics().size()
                + " configured topics");
        return OK;
    }
}
