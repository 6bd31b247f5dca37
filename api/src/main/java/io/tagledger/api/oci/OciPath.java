package io.tagledger.api.oci;

/**
 * A path of the OCI Distribution API, read: a repository name may hold slashes, so each route is
 * found by the marker that ends the name ({@code /manifests/}, {@code /blobs/}...), the last one in the path.
 *
 * @param name      the repository name as the path spells it, or {@code null} for the root and the catalog
 * @param reference a tag or digest, a blob digest, or an upload id; {@code null} where the route has none
 */
record OciPath(Route route, String name, String reference) {

    enum Route { ROOT, CATALOG, TAGS, MANIFEST, BLOB, UPLOADS, UPLOAD, REFERRERS, UNKNOWN }

    static final String PREFIX = "/v2/";

    static OciPath parse(String path) {
        if (path.equals("/v2") || path.equals(PREFIX)) {
            return new OciPath(Route.ROOT, null, null);
        }
        if (!path.startsWith(PREFIX)) {
            return new OciPath(Route.UNKNOWN, null, null);
        }
        String rest = path.substring(PREFIX.length());
        if (rest.equals("_catalog")) {
            return new OciPath(Route.CATALOG, null, null);
        }
        if (rest.endsWith("/tags/list")) {
            return new OciPath(Route.TAGS, rest.substring(0, rest.length() - "/tags/list".length()), null);
        }
        int uploads = rest.lastIndexOf("/blobs/uploads");
        if (uploads > 0) {
            String id = rest.substring(uploads + "/blobs/uploads".length());
            String name = rest.substring(0, uploads);
            if (id.isEmpty() || id.equals("/")) {
                return new OciPath(Route.UPLOADS, name, null);
            }
            return id.startsWith("/") ? new OciPath(Route.UPLOAD, name, id.substring(1)) : new OciPath(Route.UNKNOWN, null, null);
        }
        for (Route route : new Route[] {Route.MANIFEST, Route.BLOB, Route.REFERRERS}) {
            String marker = switch (route) {
                case MANIFEST -> "/manifests/";
                case BLOB -> "/blobs/";
                default -> "/referrers/";
            };
            int at = rest.lastIndexOf(marker);
            if (at > 0 && at + marker.length() < rest.length()) {
                return new OciPath(route, rest.substring(0, at), rest.substring(at + marker.length()));
            }
        }
        return new OciPath(Route.UNKNOWN, null, null);
    }
}
