package dev.incidentlifecycle.web.login;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The two kinds of bearer token the services accept, each verified by its own quarkus-oidc tenant:
 * <ul>
 * <li>the launcher's (and tests') own: RS256, signed by the key of {@code mp.jwt.verify.publickey} (or the PEM
 *     file or JWKS URL of {@code mp.jwt.verify.publickey.location}), issuer {@code mp.jwt.verify.issuer}, roles in
 *     {@code groups}, teams in {@code teams};</li>
 * <li>an OpenID Connect provider's, when {@code OIDC_ISSUER} is set: keys found by discovery, {@code OIDC_AUDIENCE}
 *     required in {@code aud}, roles and teams where {@code OIDC_ROLES_CLAIM} and {@code OIDC_TEAMS_CLAIM} say
 *     (roles translated by {@code OIDC_ROLE_MAPPING}: {@link ProviderRoles}).</li>
 * </ul>
 * Both refuse a token issued longer ago than {@code TOKEN_MAX_AGE} ({@code iat} required), whatever its expiry.
 * A token goes to the provider's tenant when its (not yet verified) {@code iss} is the provider's issuer, and to
 * the local one otherwise; the chosen tenant then verifies everything, so a forged {@code iss} gains nothing.
 */
@ApplicationScoped
public class TokenIssuers implements TenantConfigResolver {

    /** Tenant id of tokens signed by the local key. */
    public static final String LOCAL = "local-signing-key";
    /** Tenant id of tokens from the OpenID Connect provider. */
    public static final String PROVIDER = "oidc-provider";

    /** The identity attribute naming the tenant that verified the token (quarkus-oidc sets it). */
    public static final String TENANT_ATTRIBUTE = "tenant-id";

    static final ClaimPath LOCAL_ROLES = ClaimPath.parse("groups");
    static final ClaimPath LOCAL_TEAMS = ClaimPath.parse("teams");

    private static final Logger LOG = Logger.getLogger(TokenIssuers.class);

    private final OidcTenantConfig local;
    private final Optional<OidcTenantConfig> provider;
    private final Optional<String> providerIssuer;
    private final ClaimPath providerTeams;

    TokenIssuers(OidcIssuer oidc, LocalTokens tokens, Config config) {
        this.providerIssuer = oidc.issuer().filter(i -> !i.isBlank()).map(TokenIssuers::withoutTrailingSlash);
        this.providerTeams = ClaimPath.parse(oidc.teamsClaim());
        this.provider = providerIssuer.map(issuer -> providerTenant(issuer, oidc, tokens.maxAge()));
        this.local = localTenant(config, tokens, provider.isPresent());
    }

    /** Fails the start, with the variable to set, rather than refusing every provider token later. */
    void checkAtStartup(@Observes StartupEvent start) {
        provider.ifPresent(tenant -> LOG.infof("Accepting tokens of the OpenID Connect provider %s for audience %s",
                providerIssuer.get(), tenant.token().audience().orElseThrow()));
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        if (provider.isPresent() && providerIssuer.equals(unverifiedIssuer(context).map(TokenIssuers::withoutTrailingSlash))) {
            return Uni.createFrom().item(provider.get());
        }
        return Uni.createFrom().item(local);
    }

    /** Where the teams are in tokens of {@code tenantId} (the {@code tenant-id} attribute of the identity). */
    public ClaimPath teamsClaim(String tenantId) {
        return PROVIDER.equals(tenantId) ? providerTeams : LOCAL_TEAMS;
    }

    /** The tenant of tokens signed by the local key. */
    OidcTenantConfig localTenant() {
        return local;
    }

    /** The tenant of the OpenID Connect provider's tokens, when one is configured. */
    Optional<OidcTenantConfig> providerTenant() {
        return provider;
    }

    private static OidcTenantConfig providerTenant(String issuer, OidcIssuer oidc, Duration maxAge) {
        String audience = oidc.audience().filter(a -> !a.isBlank()).orElseThrow(() -> new IllegalStateException(
                "OIDC_ISSUER is set (" + issuer + ") but OIDC_AUDIENCE is not: set it to the audience the provider "
                        + "puts in the tokens meant for these services"));
        return OidcTenantConfig.builder()
                .tenantId(PROVIDER)
                .authServerUrl(issuer)
                .token().audience(audience).issuedAtRequired().age(maxAge).end()
                .roles().roleClaimPath(ClaimPath.parse(oidc.rolesClaim()).oidcRoleClaimPath()).end()
                .build();
    }

    private static OidcTenantConfig localTenant(Config config, LocalTokens tokens, boolean providerToo) {
        String issuer = config.getValue("mp.jwt.verify.issuer", String.class);
        var tenant = OidcTenantConfig.builder()
                .tenantId(LOCAL)
                .token().issuer(issuer).audience(tokens.audience()).issuedAtRequired().age(tokens.maxAge()).end()
                .roles().roleClaimPath(LOCAL_ROLES.oidcRoleClaimPath()).end();
        Optional<String> key = config.getOptionalValue("mp.jwt.verify.publickey", String.class);
        Optional<String> location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        if (key.isPresent()) {
            return tenant.publicKey(key.get()).build();
        }
        if (location.isPresent() && (location.get().startsWith("http://") || location.get().startsWith("https://"))) {
            // A JWKS URL: no discovery, the keys are fetched from it (and again when a token names an unknown key).
            return tenant.authServerUrl(location.get()).discoveryEnabled(false).jwksPath(location.get()).build();
        }
        Optional<Path> file = location.map(Path::of);
        if (file.isPresent() && Files.isReadable(file.get())) {
            return tenant.publicKey(readPem(file.get())).build();
        }
        String missing = file.map(f -> "the token key " + f.toAbsolutePath() + " (MP_JWT_VERIFY_PUBLICKEY_LOCATION) cannot be read")
                .orElse("no token key is configured (MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
        if (!providerToo) {
            throw new IllegalStateException(missing + ", and no OpenID Connect provider either (OIDC_ISSUER): "
                    + "no token could ever be accepted");
        }
        LOG.warnf("%s: only tokens of the OpenID Connect provider are accepted", missing);
        return tenant.tenantEnabled(false).build();
    }

    private static String readPem(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token key " + file.toAbsolutePath(), e);
        }
    }

    /** The {@code iss} of the request's bearer JWT, read without verifying it: only to pick the verifier. */
    static Optional<String> unverifiedIssuer(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String[] parts = header.substring(7).strip().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return Optional.ofNullable(claims.getValue("iss")).filter(String.class::isInstance).map(String.class::cast);
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
