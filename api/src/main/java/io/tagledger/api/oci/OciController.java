package io.tagledger.api.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Hidden;
import io.tagledger.api.registry.Blobs;
import io.tagledger.api.registry.ImageReference;
import io.tagledger.api.registry.Repositories;
import io.tagledger.api.registry.Images;
import io.tagledger.api.registry.Tags;
import io.tagledger.api.registry.Manifests;
import io.tagledger.api.registry.Names;
import io.tagledger.domain.BlobDigest;
import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.query.messages.ManifestContent;
import io.tagledger.query.messages.Referrers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The OCI Distribution API under {@code /v2/}, so that docker, podman, skopeo and the other registry
 * clients push to and pull from tagledger. An adapter: it reads the route and the request ({@link OciPath},
 * {@link OciRequests}), calls the application layer ({@link Repositories}, {@link Images}, {@link Tags}, {@link Manifests}, {@link Blobs}), and answers as the specification says.
 */
@Hidden
@RestController
class OciController {

    static final String API_VERSION = "Docker-Distribution-API-Version";
    static final String DIGEST = "Docker-Content-Digest";
    private static final String UPLOAD_UUID = "Docker-Upload-UUID";
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";

    private final Repositories repositories;
    private final Images images;
    private final Tags tags;
    private final Manifests manifests;
    private final Blobs blobs;
    private final ObjectMapper json;

    OciController(Repositories repositories, Images images, Tags tags, Manifests manifests, Blobs blobs, ObjectMapper json) {
        this.repositories = repositories;
        this.images = images;
        this.tags = tags;
        this.manifests = manifests;
        this.blobs = blobs;
        this.json = json;
    }

    @RequestMapping(path = {"/v2", "/v2/", "/v2/**"})
    ResponseEntity<?> handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OciPath path = OciPath.parse(request.getRequestURI());
        String method = request.getMethod();
        return switch (path.route()) {
            case ROOT -> only(method, "GET", "HEAD") ? ok().contentType(MediaType.APPLICATION_JSON).body("{}") : notAllowed();
            case CATALOG -> only(method, "GET") ? catalog(request) : notAllowed();
            case TAGS -> only(method, "GET") ? tags(name(path), request) : notAllowed();
            case MANIFEST -> switch (method) {
                case "GET", "HEAD" -> manifest(name(path), ImageReference.parse(path.reference()), method.equals("HEAD"));
                case "PUT" -> putManifest(name(path), ImageReference.parse(path.reference()), request);
                case "DELETE" -> deleteManifest(name(path), ImageReference.parse(path.reference()));
                default -> notAllowed();
            };
            case BLOB -> switch (method) {
                case "GET", "HEAD" -> blob(name(path), BlobDigest.parse(path.reference()), request, method.equals("HEAD") ? null : response);
                case "DELETE" -> {
                    blobs.delete(name(path), BlobDigest.parse(path.reference()));
                    yield ResponseEntity.status(HttpStatus.ACCEPTED).header(API_VERSION, "registry/2.0").build();
                }
                default -> notAllowed();
            };
            case UPLOADS -> only(method, "POST") ? startUpload(name(path), request) : notAllowed();
            case UPLOAD -> switch (method) {
                case "GET" -> uploadStatus(name(path), path.reference(), HttpStatus.NO_CONTENT);
                case "PATCH" -> {
                    blobs.append(name(path), path.reference(), OciRequests.chunkStart(request), request.getInputStream(),
                            OciRequests.chunkLength(request));
                    yield uploadStatus(name(path), path.reference(), HttpStatus.ACCEPTED);
                }
                case "PUT" -> completeUpload(name(path), path.reference(), request);
                case "DELETE" -> {
                    blobs.cancel(name(path), path.reference());
                    yield ResponseEntity.noContent().header(API_VERSION, "registry/2.0").build();
                }
                default -> notAllowed();
            };
            case REFERRERS -> only(method, "GET") ? referrers(name(path), ImageDigest.parse(path.reference()), request) : notAllowed();
            case UNKNOWN -> throw RegistryException.of(Refusal.NO_SUCH_PATH);
        };
    }

    private ResponseEntity<?> catalog(HttpServletRequest request) {
        int n = OciRequests.pageSize(request);
        Names page = repositories.names(n, request.getParameter("last"));
        ObjectNode body = json.createObjectNode();
        page.names().forEach(body.putArray("repositories")::add);
        return withNext(ok(), page, "/v2/_catalog", n).contentType(MediaType.APPLICATION_JSON).body(body.toString());
    }

    private ResponseEntity<?> tags(RepositoryName name, HttpServletRequest request) {
        int n = OciRequests.pageSize(request);
        Names page = tags.names(name, n, request.getParameter("last"));
        ObjectNode body = json.createObjectNode().put("name", name.value());
        page.names().forEach(body.putArray("tags")::add);
        return withNext(ok(), page, "/v2/" + name.value() + "/tags/list", n).contentType(MediaType.APPLICATION_JSON).body(body.toString());
    }

    private ResponseEntity<?> manifest(RepositoryName name, ImageReference reference, boolean head) {
        ManifestContent content = manifests.manifest(name, reference);
        byte[] bytes = content.manifest().getBytes(StandardCharsets.UTF_8);
        // The digest is the ETag: Spring answers an If-None-Match that names it with 304 and no body.
        ResponseEntity.BodyBuilder answer = ok().contentType(MediaType.parseMediaType(content.mediaType()))
                .header(DIGEST, content.digest()).eTag(content.digest()).contentLength(bytes.length);
        return head ? answer.build() : answer.body(bytes);
    }

    private ResponseEntity<?> putManifest(RepositoryName name, ImageReference reference, HttpServletRequest request) throws IOException {
        Manifest manifest = Manifest.parse(request.getInputStream().readAllBytes(),
                Manifest.mediaTypeDeclaredBy(request.getContentType()));
        images.putManifest(name, manifest, reference.tag(), reference.digest());
        String digest = manifest.digest().value();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.CREATED).header(API_VERSION, "registry/2.0")
                .header(HttpHeaders.LOCATION, "/v2/" + name.value() + "/manifests/" + digest).header(DIGEST, digest);
        String subject = manifest.references().subject();
        if (subject != null) {
            answer.header("OCI-Subject", subject);
        }
        return answer.build();
    }

    private ResponseEntity<?> deleteManifest(RepositoryName name, ImageReference reference) {
        if (reference.isDigest()) {
            images.delete(name, reference.digest());
        } else {
            images.untag(name, reference.tag(), null);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).header(API_VERSION, "registry/2.0").build();
    }

    /** A HEAD answers the headers only ({@code response} is {@code null}); a GET streams the bytes itself, a buffer at a time. */
    private ResponseEntity<?> blob(RepositoryName name, BlobDigest digest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long size = blobs.size(name, digest);
        OciRequests.Range range = OciRequests.range(request, size);
        long start = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        ResponseEntity<?> headers = (range == null ? ok() : ResponseEntity.status(HttpStatus.PARTIAL_CONTENT)
                .header(API_VERSION, "registry/2.0").header(HttpHeaders.CONTENT_RANGE, range.contentRange(size)))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).header(DIGEST, digest.value())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes").contentLength(length).build();
        if (response == null) {
            return headers;
        }
        try (InputStream in = blobs.open(name, digest, start)) {
            response.setStatus(headers.getStatusCode().value());
            headers.getHeaders().forEach((header, values) -> values.forEach(value -> response.addHeader(header, value)));
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                left -= read;
            }
            out.flush();
        }
        return null;
    }

    private ResponseEntity<?> startUpload(RepositoryName name, HttpServletRequest request) throws IOException {
        String mount = request.getParameter("mount");
        String from = request.getParameter("from");
        if (mount != null && from != null && blobs.mount(name, BlobDigest.parse(mount), RepositoryName.parse(from))) {
            return blobCreated(name, mount);
        }
        String id = blobs.startUpload(name);
        String digest = request.getParameter("digest");
        if (digest != null) {
            blobs.complete(name, id, BlobDigest.parse(digest), -1, request.getInputStream(), request.getContentLengthLong());
            return blobCreated(name, digest);
        }
        return uploadStatus(name, id, HttpStatus.ACCEPTED);
    }

    private ResponseEntity<?> completeUpload(RepositoryName name, String id, HttpServletRequest request) throws IOException {
        String digest = request.getParameter("digest");
        if (digest == null) {
            throw RegistryException.invalidParameter("digest", "Member must not be null");
        }
        blobs.complete(name, id, BlobDigest.parse(digest), OciRequests.chunkStart(request), request.getInputStream(),
                OciRequests.chunkLength(request));
        return blobCreated(name, digest);
    }

    private ResponseEntity<?> uploadStatus(RepositoryName name, String id, HttpStatus status) {
        long size = blobs.uploaded(name, id);
        return ResponseEntity.status(status).header(API_VERSION, "registry/2.0")
                .header(HttpHeaders.LOCATION, "/v2/" + name.value() + "/blobs/uploads/" + id)
                .header(UPLOAD_UUID, id)
                .header(HttpHeaders.RANGE, "0-" + Math.max(0, size - 1))
                .contentLength(0).build();
    }

    private ResponseEntity<?> referrers(RepositoryName name, ImageDigest digest, HttpServletRequest request) throws IOException {
        String artifactType = request.getParameter("artifactType");
        Referrers found = images.referrers(name, digest, artifactType);
        ObjectNode index = json.createObjectNode().put("schemaVersion", 2).put("mediaType", INDEX);
        index.set("manifests", json.valueToTree(found.manifests()));
        ResponseEntity.BodyBuilder answer = ok().contentType(MediaType.parseMediaType(INDEX));
        if (artifactType != null) {
            answer.header("OCI-Filters-Applied", "artifactType");
        }
        return answer.body(json.writeValueAsBytes(index));
    }

    private static ResponseEntity<?> blobCreated(RepositoryName name, String digest) {
        return ResponseEntity.status(HttpStatus.CREATED).header(API_VERSION, "registry/2.0")
                .header(HttpHeaders.LOCATION, "/v2/" + name.value() + "/blobs/" + digest)
                .header(DIGEST, digest).contentLength(0).build();
    }

    private static ResponseEntity.BodyBuilder withNext(ResponseEntity.BodyBuilder answer, Names page, String path, int n) {
        if (page.more() && !page.names().isEmpty()) {
            answer.header(HttpHeaders.LINK, "<" + path + "?n=" + n + "&last=" + page.names().get(page.names().size() - 1) + ">; rel=\"next\"");
        }
        return answer;
    }

    private static ResponseEntity.BodyBuilder ok() {
        return ResponseEntity.ok().header(API_VERSION, "registry/2.0");
    }

    private static RepositoryName name(OciPath path) {
        return RepositoryName.parse(path.name());
    }

    private static boolean only(String method, String... allowed) {
        for (String one : allowed) {
            if (one.equals(method)) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<?> notAllowed() {
        throw RegistryException.of(Refusal.METHOD_NOT_ALLOWED);
    }
}
