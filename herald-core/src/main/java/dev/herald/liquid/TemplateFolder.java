package dev.herald.liquid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The partials of a workspace: {@code templates/NAME.liquid} (or {@code templates/NAME} when the
 * name has an extension), read by {@code {% render 'NAME' %}} and {@code {% include 'NAME' %}};
 * names may have folders ({@code 'emails/header'}) but never leave the folder ({@code ..},
 * an absolute path or a link out of it finds nothing).
 */
public final class TemplateFolder implements Partials {

    public static final String EXTENSION = ".liquid";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\\-]*)*");

    private final Path dir;
    private final String shown;

    /** {@code shown}: how errors name the folder, e.g. {@code templates}. */
    public TemplateFolder(Path dir, String shown) {
        this.dir = dir.toAbsolutePath().normalize();
        this.shown = shown;
    }

    private Optional<Path> file(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        String fileName = name.substring(name.lastIndexOf('/') + 1).contains(".") ? name : name + EXTENSION;
        Path file = dir.resolve(fileName).normalize();
        try {
            if (!file.startsWith(dir) || !Files.isRegularFile(file) || !file.toRealPath().startsWith(dir.toRealPath())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    @Override
    public Optional<String> source(String name) {
        return file(name).map(f -> {
            try {
                return Files.readString(f);
            } catch (IOException e) {
                throw new LiquidSyntaxException(describe(name), 0, "cannot be read: " + e.getMessage());
            }
        });
    }

    @Override
    public String describe(String name) {
        String fileName = name.substring(name.lastIndexOf('/') + 1).contains(".") ? name : name + EXTENSION;
        return shown + "/" + fileName;
    }

    @Override
    public String where() {
        return shown + "/";
    }

    @Override
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(dir, 8)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                names.add(rel.endsWith(EXTENSION) ? rel.substring(0, rel.length() - EXTENSION.length()) : rel);
            });
        } catch (IOException e) {
            return names;
        }
        return names;
    }
}
