package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.mapAt;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** deploy/compose.yaml, parsed (YAML anchors and merge keys resolved). */
record ComposeFile(Path file, Map<String, Object> content) {

    static final String PATH = "deploy/compose.yaml";

    static ComposeFile load() {
        Path file = Repository.path(PATH);
        return new ComposeFile(file, YamlDocuments.single(file));
    }

    Map<String, Object> services() {
        return mapAt(content, "services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = mapAt(content, "services", name);
        if (service.isEmpty()) {
            throw new AssertionError(PATH + " has no service " + name);
        }
        return service;
    }

    /** The service's environment, written as a mapping or as a list of NAME=value. */
    Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> variables.put(key.toString(), value == null ? "" : value.toString()));
        } else if (environment != null) {
            for (Object entry : listAt(service(name), "environment")) {
                String[] pair = entry.toString().split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return variables;
    }

    /** Container ports of the service's published ports ("host:container", "ip:host:container" or long syntax). */
    List<Integer> containerPorts(String name) {
        return listAt(service(name), "ports").stream().map(port -> {
            if (port instanceof Map<?, ?> map) {
                return Integer.parseInt(String.valueOf(map.get("target")));
            }
            String[] parts = port.toString().split(":");
            return Integer.parseInt(parts[parts.length - 1].split("/")[0]);
        }).toList();
    }

    /** Where a relative path in the compose file points: compose resolves it against the file's folder. */
    Path resolve(String relative) {
        return file.getParent().resolve(relative).normalize();
    }
}
