package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A kustomization.yaml (Kustomization or Component) under deploy/kubernetes, and what it names. */
record Kustomization(Path folder, Map<String, Object> content) {

    static final String ROOT = "deploy/kubernetes";

    static Kustomization of(String folder) {
        return of(Repository.path(folder));
    }

    static Kustomization of(Path folder) {
        Path file = folder.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(Repository.relative(folder) + " has no kustomization.yaml");
        }
        return new Kustomization(folder, YamlDocuments.single(file));
    }

    static List<Kustomization> all() {
        return Repository.files(ROOT, "kustomization.yaml").stream().map(file -> of(file.getParent())).toList();
    }

    String name() {
        return Repository.relative(folder);
    }

    /** resources: files and folders (remote URLs are not checked here). */
    List<Path> resources() {
        return paths(listAt(content, "resources").stream().map(Object::toString).filter(r -> !r.contains("://")).toList());
    }

    List<Path> components() {
        return paths(listAt(content, "components").stream().map(Object::toString).toList());
    }

    List<Path> patchFiles() {
        return paths(listAt(content, "patches").stream().map(patch -> text(patch, "path")).filter(p -> p != null).toList());
    }

    /** Every file a generator reads: envs, and files (written as {@code file} or {@code key=file}). */
    List<Path> generatorFiles() {
        List<String> files = new ArrayList<>();
        for (Object generator : generators()) {
            listAt(generator, "envs").forEach(env -> files.add(env.toString()));
            listAt(generator, "files").forEach(entry -> files.add(fileOf(entry.toString())));
        }
        return paths(files);
    }

    /** The YAML documents of the resource files this kustomization lists directly (not those of sub-folders). */
    List<Map<String, Object>> resourceDocuments() {
        List<Map<String, Object>> documents = new ArrayList<>();
        resources().stream().filter(Files::isRegularFile).forEach(file -> documents.addAll(YamlDocuments.of(file)));
        return documents;
    }

    /**
     * The keys of the ConfigMap or Secret named {@code name}, as this kustomization declares it: by a generator
     * (literals, env files, files) or as a resource. An env file kept out of git (operator-provided) is read from its
     * committed {@code .example}.
     */
    Set<String> keysOf(String kind, String name) {
        Set<String> keys = new TreeSet<>();
        String generatorKey = kind.equals("Secret") ? "secretGenerator" : "configMapGenerator";
        for (Object generator : listAt(content, generatorKey)) {
            if (!name.equals(text(generator, "name"))) {
                continue;
            }
            listAt(generator, "literals").forEach(literal -> keys.add(literal.toString().split("=", 2)[0]));
            listAt(generator, "envs").forEach(env -> keys.addAll(envFileKeys(folder.resolve(env.toString()))));
            listAt(generator, "files").forEach(entry -> {
                String text = entry.toString();
                keys.add(text.contains("=") ? text.split("=", 2)[0] : Path.of(text).getFileName().toString());
            });
        }
        for (Map<String, Object> document : resourceDocuments()) {
            if (kind.equals(text(document, "kind")) && name.equals(text(document, "metadata", "name"))) {
                keys.addAll(YamlDocuments.mapAt(document, "data").keySet());
                keys.addAll(YamlDocuments.mapAt(document, "stringData").keySet());
            }
        }
        return keys;
    }

    /** NAME=value lines of an env file (comments and blank lines skipped), in order. */
    static Map<String, String> envFile(Path file) {
        Path readable = Files.isRegularFile(file) ? file : file.resolveSibling(file.getFileName() + ".example");
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Repository.read(readable).split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] pair = trimmed.split("=", 2);
            values.put(pair[0].trim(), pair.length > 1 ? pair[1].trim() : "");
        }
        return values;
    }

    private static Set<String> envFileKeys(Path file) {
        return envFile(file).keySet();
    }

    private List<Object> generators() {
        List<Object> generators = new ArrayList<>(listAt(content, "configMapGenerator"));
        generators.addAll(listAt(content, "secretGenerator"));
        return generators;
    }

    private static String fileOf(String entry) {
        return entry.contains("=") ? entry.split("=", 2)[1] : entry;
    }

    private List<Path> paths(List<String> relative) {
        return relative.stream().map(r -> folder.resolve(r).normalize()).toList();
    }
}
