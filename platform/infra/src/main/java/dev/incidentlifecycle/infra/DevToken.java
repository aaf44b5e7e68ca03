package dev.incidentlifecycle.infra;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Prints a signed RS256 JWT that the local services accept, for people trying the APIs:
 * {@code DevToken --keys .data/keys --sub alex --roles responder,admin --teams payments [--hours 8]}.
 * Signed with the launcher's private key, which never leaves the data folder.
 */
public final class DevToken {

    private DevToken() {
    }

    public static void main(String[] args) {
        Path keys = null;
        String subject = "dev";
        List<String> roles = List.of("responder", "reviewer", "admin");
        List<String> teams = List.of();
        long hours = 8;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--keys" -> keys = Path.of(require(value, "--keys"));
                case "--sub" -> subject = require(value, "--sub");
                case "--roles" -> roles = list(require(value, "--roles"));
                case "--teams" -> teams = list(require(value, "--teams"));
                case "--hours" -> hours = Long.parseLong(require(value, "--hours"));
                default -> fail("unknown option " + args[i]);
            }
            i++;
        }
        if (keys == null) {
            fail("--keys <folder> is required");
        }
        System.out.println(sign(SigningKeys.load(keys), subject, roles, teams, Duration.ofHours(hours), Instant.now()));
    }

    /** A compact JWS with the claims the services read: iss, aud, sub, upn, groups (roles), teams, iat, exp. */
    public static String sign(SigningKeys keys, String subject, List<String> roles, List<String> teams, Duration valid, Instant now) {
        return signClaims(keys, "{\"iss\":" + quote(SigningKeys.ISSUER)
                + ",\"aud\":" + quote(SigningKeys.AUDIENCE)
                + ",\"sub\":" + quote(subject)
                + ",\"upn\":" + quote(subject)
                + ",\"groups\":" + array(roles)
                + ",\"teams\":" + array(teams)
                + ",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(valid).getEpochSecond()
                + ",\"jti\":" + quote(UUID.randomUUID().toString()) + "}");
    }

    /** A compact JWS (RS256) of {@code claims}, a JSON object, signed with {@code keys}. */
    public static String signClaims(SigningKeys keys, String claims) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String array(List<String> values) {
        return values.stream().map(DevToken::quote).collect(Collectors.joining(",", "[", "]"));
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static List<String> list(String csv) {
        List<String> values = new ArrayList<>();
        Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(values::add);
        return values;
    }

    private static String require(String value, String option) {
        if (value == null) {
            fail(option + " needs a value");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("token: " + message);
        System.err.println("usage: token --sub NAME [--roles r1,r2] [--teams t1,t2] [--hours 8]");
        System.exit(2);
    }
}
