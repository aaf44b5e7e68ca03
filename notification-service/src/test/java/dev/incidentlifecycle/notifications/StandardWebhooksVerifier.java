package dev.incidentlifecycle.notifications;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Verifies a delivery as a receiver would, written from the Standard Webhooks specification
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md), independently of the
 * service's signing code: the signed content is {@code id.timestamp.body}, the key the base64 part of the
 * {@code whsec_} secret, and any one of the space-separated {@code v1,} signatures may match.
 */
public final class StandardWebhooksVerifier {

    private StandardWebhooksVerifier() {
    }

    public static boolean verifies(String secret, Receiver.Request request) {
        if (request.webhookId() == null || request.timestamp() == null || request.signature() == null) {
            return false;
        }
        byte[] expected = hmac(secret, request.webhookId() + "." + request.timestamp() + "." + request.body());
        for (String versioned : request.signature().split(" ")) {
            String[] parts = versioned.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hmac(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
