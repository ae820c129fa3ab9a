package org.feedloom.app;

import java.nio.file.Path;
import java.util.List;

/**
 * The parsed command line.
 *
 * @param command {@code serve} (the default), {@code fetch}, {@code check}, {@code export}, {@code reindex} or {@code warmup};
 *                {@code help} and {@code version} for those flags
 * @param noFetch {@code serve --no-fetch}: serve what the other instances sharing the database fetch
 */
record Options(String command, Path config, Path seeds, Path data, String host, int port, Path out,
               boolean noFetch) {
    static final List<String> COMMANDS = List.of("serve", "fetch", "check", "export", "reindex", "warmup");

    static final String USAGE = """
            Usage: java -jar feedloom.jar [serve|fetch|check|export|reindex|warmup] [options]

            Commands:
              serve    load seeds and sources, serve the feeds over HTTP (default)
              fetch    fetch the live sources into the store without serving feeds: a worker for instances
                       sharing a PostgreSQL store; serves only /healthz and /metrics
              check    validate the config and seed files; print every problem as file:line: message;
                       exit 0 when valid, 2 when not
              export   fetch every source once, then write the static site to --out DIR
              reindex  merge everything stored again from scratch and rewrite the articles snapshot
                       (maintenance; not while a server runs on the data folder)
              warmup   a training run: serve the --seeds twice from a temporary folder, no live source,
                       asking for every kind of document; under -XX:ArchiveClassesAtExit=FILE it
                       writes the class-data archive that -XX:SharedArchiveFile=FILE starts from

            Options:
              --config DIR   configuration folder (default: config)
              --seeds DIR    seed articles folder (default: seeds)
              --data DIR     data folder for the article store (default: data)
              --host HOST    address to listen on (default: 127.0.0.1)
              --port N       port to listen on; 0 picks a free port (default: 8080)
              --out DIR      output folder of export
              --no-fetch     serve only: fetch nothing, serve what other instances sharing the
                             PostgreSQL store fetch
              --help         show this help
              --version      show the version
            """;

    /** Parses {@code args}; throws {@link UsageException} with a one-line message on bad usage. */
    static Options parse(String[] args) {
        String command = null;
        Path config = Path.of("config");
        Path seeds = Path.of("seeds");
        Path data = Path.of("data");
        String host = "127.0.0.1";
        int port = 8080;
        Path out = null;
        boolean noFetch = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = flag.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            switch (flag) {
                case "--help", "-h" -> { return simple("help"); }
                case "--version", "-V" -> { return simple("version"); }
                case "--no-fetch" -> {
                    if (inline != null) {
                        throw new UsageException("option --no-fetch takes no value");
                    }
                    noFetch = true;
                }
                case "--config", "--seeds", "--data", "--host", "--port", "--out" -> {
                    String value = inline != null ? inline : ++i < args.length ? args[i] : null;
                    if (value == null || value.isEmpty()) {
                        throw new UsageException("option " + flag + " needs a value");
                    }
                    switch (flag) {
                        case "--config" -> config = Path.of(value);
                        case "--seeds" -> seeds = Path.of(value);
                        case "--data" -> data = Path.of(value);
                        case "--host" -> host = value;
                        case "--port" -> port = port(value);
                        default -> out = Path.of(value);
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    if (command != null || !COMMANDS.contains(arg)) {
                        throw new UsageException("unknown command '" + arg + "'");
                    }
                    command = arg;
                }
            }
        }
        command = command == null ? "serve" : command;
        if (command.equals("export") && out == null) {
            throw new UsageException("export needs --out DIR");
        }
        if (noFetch && !command.equals("serve")) {
            throw new UsageException("--no-fetch is an option of serve");
        }
        return new Options(command, config, seeds, data, host, port, out, noFetch);
    }

    private static Options simple(String command) {
        return new Options(command, null, null, null, null, 0, null, false);
    }

    /** What this instance does, as instances sharing a database tell each other: the command and its role flag. */
    String role() {
        return noFetch ? "serve --no-fetch" : command;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number from 0 to 65535, got '" + value + "'");
        }
    }

    /** Bad usage: the message is one line, shown with a pointer to --help. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
