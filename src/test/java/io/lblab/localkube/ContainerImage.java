package io.lblab.localkube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code src/main/docker/Dockerfile.jvm} puts into the operator's image (base, environment, files, user,
 * entrypoint), read from the file, and the image's entrypoint as a process on this machine: the {@code COPY}
 * destinations mapped back to {@code target/quarkus-app/} and {@code java} to this JVM's.
 */
public record ContainerImage(String from, Map<String, String> env, List<Copy> copies, String user, String workdir,
        List<String> entrypoint) {

    public static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final Pattern ENV = Pattern.compile("^ENV\\s+(\\w+)=(?:\"([^\"]*)\"|'([^']*)'|(\\S+))$");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One {@code COPY source destination}: the source relative to the build context (the repository root). */
    public record Copy(String source, String destination) {
    }

    public static ContainerImage read() {
        try {
            String from = null;
            String user = null;
            String workdir = "/";
            Map<String, String> env = new LinkedHashMap<>();
            List<Copy> copies = new ArrayList<>();
            List<String> entrypoint = List.of();
            for (String raw : Files.readAllLines(DOCKERFILE)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String instruction = line.split("\\s+", 2)[0].toUpperCase();
                String rest = line.substring(instruction.length()).strip();
                switch (instruction) {
                    case "FROM" -> from = rest;
                    case "USER" -> user = rest;
                    case "WORKDIR" -> workdir = rest;
                    case "ENV" -> {
                        Matcher m = ENV.matcher(line);
                        if (!m.matches()) {
                            throw new IllegalStateException(DOCKERFILE + ": write ENV as KEY=value: " + line);
                        }
                        env.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4));
                    }
                    case "COPY" -> {
                        String[] parts = rest.split("\\s+");
                        if (parts.length != 2 || parts[0].startsWith("--")) {
                            throw new IllegalStateException(DOCKERFILE + ": expected COPY <source> <destination>: " + line);
                        }
                        copies.add(new Copy(parts[0], parts[1]));
                    }
                    case "ENTRYPOINT" -> {
                        List<String> args = new ArrayList<>();
                        Matcher m = QUOTED.matcher(rest);
                        while (m.find()) {
                            args.add(m.group(1));
                        }
                        entrypoint = List.copyOf(args);
                    }
                    default -> {
                    }
                }
            }
            return new ContainerImage(from, env, copies, user, workdir, entrypoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The entrypoint as a command on this machine: {@code java} is this JVM's, and a path the image fills with a
     * {@code COPY} of a {@code target/quarkus-app/} directory becomes that directory.
     */
    public List<String> localEntrypoint() {
        List<String> command = new ArrayList<>();
        for (String arg : entrypoint) {
            if (arg.equals("java")) {
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            } else {
                command.add(toLocal(arg));
            }
        }
        return command;
    }

    /** A path in the image as the file of the build's output it was copied from (or the argument unchanged). */
    public String toLocal(String pathInImage) {
        for (Copy copy : copies) {
            String source = copy.source().replaceFirst("/?\\*\\.jar$", "/").replaceFirst("/$", "");
            String destination = copy.destination().replaceFirst("/$", "");
            if (copy.source().endsWith("*.jar") && pathInImage.startsWith(destination + "/") && pathInImage.endsWith(".jar")
                    && pathInImage.indexOf('/', destination.length() + 1) < 0) {
                return Path.of(source).resolve(pathInImage.substring(destination.length() + 1)).toAbsolutePath().toString();
            }
            if (!copy.source().endsWith("*.jar") && (pathInImage.equals(destination) || pathInImage.startsWith(destination + "/"))) {
                return Path.of(source + pathInImage.substring(destination.length())).toAbsolutePath().toString();
            }
        }
        return pathInImage;
    }
}
