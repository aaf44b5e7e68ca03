package dev.incidentlifecycle.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path folder;

    @Test
    void a_saved_pair_loads_back_and_still_signs_what_its_public_key_verifies() throws Exception {
        SigningKeys generated = SigningKeys.generate();
        generated.save(folder);

        SigningKeys loaded = SigningKeys.load(folder);

        assertThat(loaded.publicKey()).isEqualTo(generated.publicKey());
        assertThat(loaded.privateKey()).isEqualTo(generated.privateKey());
        byte[] claims = "{\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(loaded.privateKey());
        signer.update(claims);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(generated.publicKeyBase64()))));
        verifier.update(claims);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void the_private_key_file_is_readable_by_its_owner_only() throws Exception {
        SigningKeys.generate().save(folder);

        assertThat(Files.getPosixFilePermissions(folder.resolve("signing-key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(SigningKeys.publicKeyFile(folder))).startsWith("-----BEGIN PUBLIC KEY-----\n");
    }

    @Test
    void load_or_generate_keeps_the_first_pair() {
        SigningKeys first = SigningKeys.loadOrGenerate(folder.resolve("keys"));
        SigningKeys second = SigningKeys.loadOrGenerate(folder.resolve("keys"));

        assertThat(second.publicKeyBase64()).isEqualTo(first.publicKeyBase64());
    }
}
