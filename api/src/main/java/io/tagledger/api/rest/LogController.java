package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.TransparencyLog;
import io.tagledger.api.transparency.TagChanges;
import io.tagledger.api.transparency.Tiles;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The transparency log over HTTP, as c2sp.org/tlog-tiles lays it out under {@code /log/}: the signed
 * checkpoint, the hash tiles and the entry bundles, and the verifier key that checks them. A full tile
 * never changes, and says so; a partial tile and the checkpoint are read fresh.
 */
@RestController
@RequestMapping("/log")
@Tag(name = "transparency log", description = "The ledger as a verifiable log: checkpoints, tiles, the verifier key")
class LogController {

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final TransparencyLog log;

    LogController(TransparencyLog log) {
        this.log = log;
    }

    @Operation(summary = "The latest checkpoint: a C2SP signed note of the origin, the tree size and its RFC 6962 root")
    @GetMapping(path = "/checkpoint", produces = "text/plain")
    ResponseEntity<String> checkpoint() {
        return ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.noStore()).body(log.checkpoint());
    }

    @Operation(summary = "The verifier key of the checkpoints' signatures, in the signed-note verifier key form")
    @GetMapping(path = "/verifier-key", produces = "text/plain")
    ResponseEntity<String> verifierKey() {
        return ResponseEntity.ok().contentType(TEXT).body(log.verifierKey());
    }

    /** An inclusion proof, base64 hashes: leaf {@code index}'s hash, its audit path, and the root of the tree of {@code size}. */
    record InclusionProof(long index, long size, String leafHash, List<String> proof, String root) {
    }

    /** A consistency proof, base64 hashes: the roots of the trees of {@code from} and {@code to}, and the proof between them. */
    record ConsistencyProof(long from, long to, String fromRoot, String toRoot, List<String> proof) {
    }

    @Operation(summary = "The proof (RFC 9162 §2.1.3) that leaf index is in the tree of the log's first size leaves")
    @GetMapping(path = "/proof/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    InclusionProof inclusion(@RequestParam(required = false) String index, @RequestParam(required = false) String size) {
        long leaf = number("index", index);
        long tree = number("size", size);
        TransparencyLog.Proof proof = log.inclusion(leaf, tree);
        return new InclusionProof(leaf, tree, base64(proof.leaves().get(0)), proof.path().stream().map(LogController::base64).toList(),
                base64(proof.roots().get(0)));
    }

    @Operation(summary = "The proof (RFC 9162 §2.1.4) that the tree of the log's first to leaves extends the tree of its first from")
    @GetMapping(path = "/proof/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    ConsistencyProof consistency(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        long older = number("from", from);
        long newer = number("to", to);
        TransparencyLog.Proof proof = log.consistency(older, newer);
        return new ConsistencyProof(older, newer, base64(proof.roots().get(0)), base64(proof.roots().get(1)),
                proof.path().stream().map(LogController::base64).toList());
    }

    /** An entry about a tag: its leaf index, its bytes (base64), what it says about the tag, and its audit path. */
    record TagEntry(long index, String entry, List<TagChanges.Change> changes, List<String> proof) {
    }

    /** The entries about a tag in the tree of {@code size}, that tree's root, and the checkpoint signing it when none was named. */
    record TagProof(String repository, String tag, long size, String root, String checkpoint, List<TagEntry> entries) {
    }

    @Operation(summary = "The entries about a tag (pushes, moves, untags, deletions, releases, verdicts, refusals), each with "
            + "its inclusion proof in the tree of size leaves, or of the latest checkpoint's")
    @GetMapping(path = "/proof/tag", produces = MediaType.APPLICATION_JSON_VALUE)
    TagProof tag(@RequestParam(required = false) String repositoryName, @RequestParam(required = false) String imageTag,
                 @RequestParam(required = false) String size) {
        String repository = RepositoryName.parse(repositoryName).value();
        String tag = ImageTag.parse(imageTag).value();
        TransparencyLog.TagProof proof = log.tagProof(repository, tag, size == null ? null : number("size", size));
        return new TagProof(repository, tag, proof.size(), base64(proof.root()), proof.checkpoint(), proof.entries().stream()
                .map(entry -> new TagEntry(entry.index(), base64(entry.entry()), entry.changes(),
                        entry.proof().stream().map(LogController::base64).toList()))
                .toList());
    }

    private static long number(String member, String text) {
        if (text == null || !text.matches("0|[1-9][0-9]{0,17}")) {
            throw RegistryException.invalidParameter(member, "Member must be a whole number");
        }
        return Long.parseLong(text);
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }

    @Operation(summary = "A hash tile (tile/<L>/<N>[.p/<W>]) or an entry bundle (tile/entries/<N>[.p/<W>])")
    @GetMapping(path = "/tile/**", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<byte[]> tile(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + "/log/".length());
        boolean full = Tiles.parse(path).map(tile -> tile.width() == Tiles.WIDTH).orElse(false);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(full ? CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable() : CacheControl.noStore())
                .body(log.tile(path));
    }
}
