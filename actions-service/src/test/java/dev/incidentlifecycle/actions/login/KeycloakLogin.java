package dev.incidentlifecycle.actions.login;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The service with a real Keycloak as its OpenID Connect provider, beside the local signing key. */
public class KeycloakLogin implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakServer.class));
    }
}
