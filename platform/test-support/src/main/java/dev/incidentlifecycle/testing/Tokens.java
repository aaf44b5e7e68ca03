package dev.incidentlifecycle.testing;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.incidentlifecycle.infra.SigningKeys;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Bearer tokens (RS256 JWTs) that the services under test accept: signed with the test JVM's key pair, whose
 * public half {@link RealInfrastructure} puts into {@code mp.jwt.verify.publickey}.
 *
 * <pre>{@code
 * String token = Tokens.forUser("alice").roles("responder").teams("payments").sign();
 * given().auth().oauth2(token)...
 * }</pre>
 *
 * Roles go into the {@code groups} claim, team memberships into {@code teams}.
 */
public final class Tokens {

    private static final Duration LIFESPAN = Duration.ofHours(1);

    private static volatile SigningKeys keys;
    private static volatile SigningKeys strangerKeys;

    private Tokens() {
    }

    /** A token for {@code subject}, valid for an hour from now, with the roles and teams added to it. */
    public static Builder forUser(String subject) {
        return new Builder(subject);
    }

    /** A responder's token of the payments team that expired an hour ago: must be refused (401). */
    public static String expired() {
        Instant now = Instant.now();
        return forUser("alice").roles("responder").teams("payments")
                .validBetween(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))
                .sign();
    }

    /** A well-formed, unexpired token signed by a key the services do not trust: must be refused (401). */
    public static String signedByAnotherKey() {
        if (strangerKeys == null) {
            strangerKeys = SigningKeys.generate();
        }
        return forUser("mallory").roles("admin").teams("payments").signWith(strangerKeys.privateKey());
    }

    /** The test JVM's signing keys (shared with {@link RealInfrastructure}; starting it if needed). */
    static SigningKeys keys() {
        SigningKeys known = keys;
        if (known == null) {
            known = SigningKeys.load(Path.of(RealInfrastructure.shared().getSigningKeysFolder()));
            keys = known;
        }
        return known;
    }

    /** The claims of one token. */
    public static final class Builder {

        private final String subject;
        private final Set<String> roles = new LinkedHashSet<>();
        private final List<String> teams = new ArrayList<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Instant issuedAt;
        private Instant expiresAt;

        private Builder(String subject) {
            this.subject = subject;
        }

        /** Adds roles ({@code groups} claim): responder, reviewer, admin. */
        public Builder roles(String... roles) {
            this.roles.addAll(List.of(roles));
            return this;
        }

        /** Adds team memberships ({@code teams} claim). */
        public Builder teams(String... teams) {
            this.teams.addAll(List.of(teams));
            return this;
        }

        /** Any other claim. */
        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        /** Sets issued-at and expiry (in the past, for an expired token). */
        public Builder validBetween(Instant issuedAt, Instant expiresAt) {
            this.issuedAt = issuedAt;
            this.expiresAt = expiresAt;
            return this;
        }

        /** The compact JWT, signed with the test JVM's private key. */
        public String sign() {
            return signWith(keys().privateKey());
        }

        String signWith(PrivateKey key) {
            Instant issued = issuedAt != null ? issuedAt : Instant.now();
            Instant expires = expiresAt != null ? expiresAt : issued.plus(LIFESPAN);
            JwtClaimsBuilder jwt = Jwt.claims()
                    .issuer(SigningKeys.ISSUER)
                    .audience(SigningKeys.AUDIENCE)
                    .subject(subject)
                    .upn(subject)
                    .preferredUserName(subject)
                    .groups(roles)
                    .claim("teams", List.copyOf(teams))
                    .issuedAt(issued)
                    .expiresAt(expires);
            claims.forEach(jwt::claim);
            return jwt.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(key);
        }
    }
}
