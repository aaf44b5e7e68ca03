package dev.incidentlifecycle.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs (RS256) the bearer tokens the services accept on a local machine or in tests.
 * Never committed: generated at run time, and kept as PEM files in a folder so the launcher, its token command
 * and the services it starts share one pair.
 *
 * <p>Services verify with {@code mp.jwt.verify.publickey} = {@link #publicKeyBase64()} (or
 * {@code mp.jwt.verify.publickey.location} = {@link #publicKeyFile(Path)}) and {@code mp.jwt.verify.issuer} =
 * {@link #ISSUER}.
 */
public final class SigningKeys {

    /** The {@code iss} claim of every token minted locally, and what the services are configured to expect. */
    public static final String ISSUER = "https://incident-lifecycle.local";
    /** The audience of the tokens this key signs ({@code TOKEN_AUDIENCE} on the services' side). */
    public static final String AUDIENCE = "incident-lifecycle";

    private static final String PRIVATE_KEY_FILE = "signing-key.pem";
    private static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;

    private SigningKeys(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A new 2048-bit pair. */
    public static SigningKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new SigningKeys((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate RSA keys", e);
        }
    }

    /** The pair saved in {@code folder} by {@link #save(Path)}. */
    public static SigningKeys load(Path folder) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(pemBody(folder.resolve(PRIVATE_KEY_FILE))));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(pemBody(folder.resolve(PUBLIC_KEY_FILE))));
            return new SigningKeys(privateKey, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the signing keys in " + folder, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The signing keys in " + folder + " are not an RSA key pair in PEM", e);
        }
    }

    /** The pair in {@code folder}, generated and saved there first if the folder holds none. */
    public static synchronized SigningKeys loadOrGenerate(Path folder) {
        if (Files.exists(folder.resolve(PRIVATE_KEY_FILE)) && Files.exists(folder.resolve(PUBLIC_KEY_FILE))) {
            return load(folder);
        }
        SigningKeys keys = generate();
        keys.save(folder);
        return keys;
    }

    /**
     * Writes {@code signing-key.pem} (PKCS#8, readable by the owner only) and {@code signing-key.pub.pem}
     * (X.509 SubjectPublicKeyInfo) into {@code folder}.
     */
    public void save(Path folder) {
        try {
            Files.createDirectories(folder);
            write(folder.resolve(PRIVATE_KEY_FILE), pem("PRIVATE KEY", privateKey.getEncoded()), true);
            write(folder.resolve(PUBLIC_KEY_FILE), publicKeyPem(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the signing keys in " + folder, e);
        }
    }

    /** Where {@link #save(Path)} puts the public key in {@code folder}. */
    public static Path publicKeyFile(Path folder) {
        return folder.resolve(PUBLIC_KEY_FILE);
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** Base64 of the X.509 DER public key: a value for {@code mp.jwt.verify.publickey}. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    // Written to a temporary file and moved, so a reader never sees half a key.
    private static void write(Path file, String content, boolean ownerOnly) throws IOException {
        Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".partial");
        try {
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // Not a POSIX file system: the folder's own permissions have to do.
            }
            Files.writeString(partial, content, StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
