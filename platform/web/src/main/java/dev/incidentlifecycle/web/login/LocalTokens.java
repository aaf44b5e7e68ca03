package dev.incidentlifecycle.web.login;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * What every accepted token must satisfy beyond its signature and expiry: {@code TOKEN_AUDIENCE}, the audience of
 * the tokens the local key signs (a provider's audience is {@code OIDC_AUDIENCE}), and {@code TOKEN_MAX_AGE}, how
 * long after it was issued ({@code iat}, then required) any token is still accepted, whatever its {@code exp} says.
 */
@ConfigMapping(prefix = "token")
public interface LocalTokens {

    /** The audience the launcher's (and tests') tokens carry in {@code aud}. */
    @WithDefault("incident-lifecycle")
    String audience();

    /** The oldest token accepted, from its {@code iat}: an ISO-8601 duration such as {@code PT8H}. */
    @WithDefault("PT24H")
    Duration maxAge();
}
