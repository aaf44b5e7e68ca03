package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.map;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * deploy/kubernetes/base with the secrets component every overlay includes: the resources of the base and the keys
 * of the ConfigMaps and Secrets its Deployments read.
 */
record KubernetesBase(Kustomization base, Kustomization secrets) {

    static KubernetesBase load() {
        return new KubernetesBase(Kustomization.of(Kustomization.ROOT + "/base"), Kustomization.of(Kustomization.ROOT + "/secrets"));
    }

    List<Map<String, Object>> documents(String kind) {
        return base.resourceDocuments().stream().filter(document -> kind.equals(text(document, "kind"))).toList();
    }

    Map<String, Map<String, Object>> deployments() {
        Map<String, Map<String, Object>> deployments = new LinkedHashMap<>();
        documents("Deployment").forEach(deployment -> deployments.put(text(deployment, "metadata", "name"), deployment));
        return deployments;
    }

    Map<String, Object> deployment(String service) {
        Map<String, Object> deployment = deployments().get(service);
        if (deployment == null) {
            throw new AssertionError("deploy/kubernetes/base has no Deployment " + service);
        }
        return deployment;
    }

    /** The container named like its Deployment (the service itself). */
    static Map<String, Object> serviceContainer(Map<String, Object> deployment) {
        String name = text(deployment, "metadata", "name");
        return listAt(deployment, "spec", "template", "spec", "containers").stream()
                .map(YamlDocuments::map)
                .filter(container -> name.equals(text(container, "name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Deployment " + name + " has no container named " + name));
    }

    /**
     * Keys of a ConfigMap or Secret, wherever the base or the secrets component declares it, or the Strimzi operators
     * make it: a Secret per KafkaUser (its SCRAM password and login line) and the cluster CA's certificate.
     */
    Set<String> keysOf(String kind, String name) {
        Set<String> keys = new TreeSet<>(base.keysOf(kind, name));
        keys.addAll(secrets.keysOf(kind, name));
        if (kind.equals("Secret")) {
            keys.addAll(strimziSecrets().getOrDefault(name, Set.of()));
        }
        return keys;
    }

    /** The Secrets the Strimzi operators make for the resources of the base, with their keys. */
    Map<String, Set<String>> strimziSecrets() {
        Map<String, Set<String>> made = new LinkedHashMap<>();
        documents("KafkaUser").forEach(user -> made.put(text(user, "metadata", "name"), Set.of("password", "sasl.jaas.config")));
        documents("Kafka").forEach(kafka -> made.put(text(kafka, "metadata", "name") + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password")));
        return made;
    }

    /** Every variable the container gets: env entries, and the keys of the ConfigMaps and Secrets of envFrom. */
    Set<String> environmentOf(Map<String, Object> container) {
        Set<String> names = new TreeSet<>();
        listAt(container, "env").forEach(entry -> names.add(text(entry, "name")));
        for (Object source : listAt(container, "envFrom")) {
            String prefix = text(source, "prefix") == null ? "" : text(source, "prefix");
            String configMap = text(source, "configMapRef", "name");
            String secret = text(source, "secretRef", "name");
            if (configMap != null) {
                keysOf("ConfigMap", configMap).forEach(key -> names.add(prefix + key));
            }
            if (secret != null) {
                keysOf("Secret", secret).forEach(key -> names.add(prefix + key));
            }
        }
        return names;
    }

    /** Values the container gets from env literals and from the ConfigMaps of envFrom (secrets left out). */
    Map<String, String> plainValuesOf(Map<String, Object> container) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Object source : listAt(container, "envFrom")) {
            String configMap = text(source, "configMapRef", "name");
            if (configMap != null) {
                values.putAll(configMapValues(configMap));
            }
        }
        listAt(container, "env").stream().map(YamlDocuments::map)
                .filter(entry -> entry.containsKey("value"))
                .forEach(entry -> values.put(text(entry, "name"), text(entry, "value")));
        return values;
    }

    /** Values of a generated ConfigMap of the base (env files and literals). */
    Map<String, String> configMapValues(String name) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Object generator : listAt(base.content(), "configMapGenerator")) {
            if (!name.equals(text(generator, "name"))) {
                continue;
            }
            listAt(generator, "envs").forEach(env -> values.putAll(Kustomization.envFile(base.folder().resolve(env.toString()))));
            listAt(generator, "literals").forEach(literal -> {
                String[] pair = literal.toString().split("=", 2);
                values.put(pair[0], pair[1]);
            });
        }
        return values;
    }

    static Map<String, Object> containerPort(Map<String, Object> container, Object port) {
        for (Object declared : listAt(container, "ports")) {
            if (String.valueOf(port).equals(text(declared, "name")) || String.valueOf(port).equals(text(declared, "containerPort"))) {
                return map(declared);
            }
        }
        throw new AssertionError("container " + text(container, "name") + " declares no port " + port);
    }
}
