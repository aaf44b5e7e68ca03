package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.incidentlifecycle.deploycheck.KafkaAccess.Acl;

/**
 * What compose's one-shot {@code kafka-setup} service does to the broker: the users it gives a password
 * ({@code user <name> "$$VARIABLE"}) and what it allows them ({@code allow <user> <Operation> <type:name>...}).
 */
record ComposeKafkaSetup(String script) {

    private static final Pattern ALLOW = Pattern.compile("(?m)^\\s*allow\\s+(\\S+)\\s+(\\S+)((?:\\s+[a-z-]+:\\S+)+)\\s*$");
    private static final Pattern USER = Pattern.compile("(?m)^\\s*user\\s+(\\S+)\\s+\"\\$\\$(\\w+)\"\\s*$");

    static ComposeKafkaSetup of(ComposeFile compose) {
        return new ComposeKafkaSetup(String.join("\n",
                listAt(compose.service("kafka-setup"), "command").stream().map(Object::toString).toList()));
    }

    /** Users kafka-setup creates, with the variable their password comes from. */
    Map<String, String> users() {
        Map<String, String> users = new LinkedHashMap<>();
        Matcher user = USER.matcher(script);
        while (user.find()) {
            users.put(user.group(1), user.group(2));
        }
        return users;
    }

    /** The ACLs of every user it creates (none for a user it allows nothing), admin (a super user) left out. */
    Map<String, Set<Acl>> acls() {
        Map<String, Set<Acl>> users = new LinkedHashMap<>();
        users().keySet().forEach(user -> users.put(user, new TreeSet<>()));
        Matcher allow = ALLOW.matcher(script);
        while (allow.find()) {
            Set<Acl> acls = users.computeIfAbsent(allow.group(1), user -> new TreeSet<>());
            for (String resource : allow.group(3).trim().split("\\s+")) {
                String[] typeAndName = resource.split(":", 2);
                if (!acls.add(new Acl(typeAndName[0], typeAndName[1], allow.group(2)))) {
                    throw new AssertionError("kafka-setup allows " + allow.group(1) + " " + allow.group(2) + " " + resource + " twice");
                }
            }
        }
        users.remove("admin");
        return users;
    }
}
