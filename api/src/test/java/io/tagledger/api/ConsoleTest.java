package io.tagledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagledger.domain.trust.Signers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real browser: Debian's Chromium, driven by its chromedriver through Selenium,
 * against the service on a random port with the README's example policy. A reviewer answers "who moved
 * prod, when, and what was it before?" by following links, and sees only what the identity may read.
 * Screenshots go to {@code target/console/}, which CI keeps.
 */
@TestPropertySource(properties = "spring.config.import=file:../examples/security.properties")
class ConsoleTest extends ApiTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console");
    private static final Path DOWNLOADS = SCREENSHOTS.resolve("downloads").toAbsolutePath();
    private static final String ALICE = basic("AKIDALICE", "example-alice-secret");
    private static final String BOB = basic("AKIDBOB", "example-bob-secret");
    private static final String ADMIN = basic("AKIDADMIN", "example-admin-secret");

    private static ChromeDriver browser;
    private String as;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
    }

    @BeforeAll
    static void startBrowser() {
        assertThat(CHROMIUM).as("Debian's chromium (bash .ci/run installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (bash .ci/run installs it)").isExecutable();
        try {
            Files.createDirectories(DOWNLOADS);
            Files.deleteIfExists(DOWNLOADS.resolve("tagledger-audit.ndjson"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                        "download.prompt_for_download", false))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Override
    protected String authorization() {
        return as;
    }

    @Test
    void aReviewerFindsWhoMovedATagWhenAndWhatItWasBeforeAndTheRefusal() {
        // Names of this class's own database, which no other test class uses.
        String suffix = "web";
        String name = "team/" + suffix;
        String hidden = "ops/" + suffix;
        String first = manifest(suffix + "-first");
        String second = manifest(suffix + "-second");

        // The admin creates the repository in the console, as mutable.
        signIn("AKIDADMIN", "example-admin-secret");
        browser.findElement(By.xpath("//summary[normalize-space()='Create a repository']")).click();
        browser.findElement(By.name("name")).sendKeys(name);
        new Select(browser.findElement(By.name("mode"))).selectByValue("MUTABLE");
        browser.findElement(By.xpath("//button[normalize-space()='Create repository']")).click();
        waitForHeading(name);
        assertThat(get("/repositories/" + name).status()).isEqualTo(401);
        as = ADMIN;
        assertThat(get("/repositories/" + name).json().get("imageTagMutability").asText()).isEqualTo("MUTABLE");
        createRepository(hidden, "MUTABLE");

        // Alice pushes prod, Bob moves it, the admin makes the repository immutable, and Bob is refused.
        as = ALICE;
        assertThat(push(name, "prod", first).status()).isEqualTo(201);
        // The picker has whole seconds: an instant after Alice's push and before Bob's, a second apart.
        sleep(Duration.ofMillis(1100));
        Instant between = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        as = BOB;
        assertThat(push(name, "prod", second).status()).isEqualTo(201);
        as = ADMIN;
        assertThat(putJson("/repositories/" + name + "/-/tag-mutability", "{\"imageTagMutability\":\"IMMUTABLE\"}").status())
                .isEqualTo(200);
        as = BOB;
        assertThat(push(name, "prod", first).status()).isEqualTo(409);
        // The admin breaks the glass on prod, on the record, and nobody uses it yet.
        as = ADMIN;
        assertThat(postJson("/repositories/" + name + "/-/tags/prod/release",
                "{\"reason\":\"rebuild for CVE-2026-1234\",\"validFor\":\"PT10M\"}").status()).isEqualTo(201);

        // A security reviewer signs in with the keyboard, searches, and follows links to the tag's timeline: no URL typed.
        signIn("AKIDSECURITY", "example-security-secret");
        WebElement search = browser.findElement(By.name("q"));
        search.sendKeys(suffix, Keys.ENTER);
        WebElement link = waitFor(By.cssSelector("tr[data-repository='" + name + "'] a"));
        assertThat(rows("tr[data-repository]")).extracting(row -> row.getAttribute("data-repository")).containsExactlyInAnyOrder(name, hidden);
        link.sendKeys(Keys.ENTER);
        waitForHeading(name);
        WebElement tagRow = waitFor(By.cssSelector("tr[data-tag='prod']"));
        assertThat(tagRow.findElement(By.cssSelector(".badge")).getText()).isEqualTo("immutable");
        assertThat(waitFor(By.cssSelector("#chain .badge")).getText()).isEqualTo("verified");
        assertThat(waitForCount(By.cssSelector("#mutability tbody tr"), 2)).extracting(WebElement::getText).satisfiesExactly(
                created -> assertThat(created).contains("created", "MUTABLE", "carol").doesNotContain("IMMUTABLE"),
                changed -> assertThat(changed).contains("changed", "IMMUTABLE", "carol"));
        tagRow.findElement(By.linkText("prod")).sendKeys(Keys.ENTER);
        waitForHeading("prod in " + name);

        List<WebElement> timeline = waitForCount(By.cssSelector("ol.timeline > li"), 4);
        assertThat(timeline).extracting(item -> item.getAttribute("data-kind")).containsExactly("release", "refusal", "period", "period");
        WebElement release = timeline.get(0);
        assertThat(release.getAttribute("data-principal")).isEqualTo("carol");
        assertThat(release.getText()).contains("released", "rebuild for CVE-2026-1234");
        timeline = timeline.subList(1, timeline.size());
        WebElement refused = timeline.get(0);
        assertThat(refused.getAttribute("data-code")).isEqualTo("ImageTagAlreadyExistsException");
        assertThat(refused.getAttribute("data-principal")).isEqualTo("bob");
        assertThat(refused.findElement(By.cssSelector("code")).getAttribute("title")).isEqualTo(digestOf(first));
        WebElement current = timeline.get(1);
        assertThat(current.getAttribute("data-digest")).isEqualTo(digestOf(second));
        assertThat(current.getAttribute("data-moved-by")).isEqualTo("bob");
        assertThat(current.getText()).contains("until now");
        WebElement before = timeline.get(2);
        assertThat(before.getAttribute("data-digest")).isEqualTo(digestOf(first));
        assertThat(before.getAttribute("data-moved-by")).isEqualTo("alice");
        assertThat(before.getAttribute("data-ended-how")).isEqualTo("moved");
        assertThat(before.getText()).contains("moved by bob");
        screenshot("timeline");

        // The repository as it was while the first push held prod: from the timeline, one link.
        before.findElement(By.linkText("The repository at that moment")).sendKeys(Keys.ENTER);
        WebElement thenRow = waitFor(By.cssSelector("tr[data-tag='prod']"));
        assertThat(thenRow.findElement(By.cssSelector("code")).getAttribute("title")).isEqualTo(digestOf(first));
        assertThat(thenRow.findElement(By.cssSelector(".badge")).getText()).isEqualTo("mutable");
        assertThat(browser.findElements(By.id("lifecycle"))).as("the policy of now, which a past moment does not show").isEmpty();

        // Back to now, then the same moment with the page's date-time picker.
        browser.findElement(By.linkText("Back to now")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.not(ExpectedConditions.urlContains("asOf=")));
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(driver -> digestOf(second)
                .equals(driver.findElement(By.cssSelector("tr[data-tag='prod'] code")).getAttribute("title")));
        script("document.querySelector('input[name=asOf]').value = '" + between.toString().replace("Z", "") + "'");
        browser.findElement(By.xpath("//button[normalize-space()='Show']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("asOf="));
        WebElement pickedRow = waitFor(By.cssSelector("tr[data-tag='prod']"));
        assertThat(pickedRow.findElement(By.cssSelector("code")).getAttribute("title")).isEqualTo(digestOf(first));
        assertThat(browser.findElement(By.cssSelector("main")).getText())
                .contains("As it was at " + between.toString().replace("T", " ").replace("Z", ".000 UTC"));

        // The audit trail, filtered to Bob's refusals.
        browser.findElement(By.linkText("Audit trail")).click();
        waitForHeading("Audit trail");
        browser.findElement(By.name("repository")).sendKeys(name);
        browser.findElement(By.name("principal")).sendKeys("bob");
        new Select(browser.findElement(By.name("outcome"))).selectByValue("refused");
        browser.findElement(By.xpath("//button[normalize-space()='Apply']")).click();
        List<WebElement> entries = waitForCount(By.cssSelector("#audit tbody tr"), 1);
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.getAttribute("data-principal")).isEqualTo("bob");
            assertThat(entry.getAttribute("data-outcome")).isEqualTo("refused");
            assertThat(entry.getAttribute("data-type")).isEqualTo("CommandRefused");
        });
        assertThat(browser.getCurrentUrl()).contains("principal=bob").contains("outcome=refused");
        screenshot("audit");

        // The export is every entry of that filter, one JSON object per line.
        browser.findElement(By.xpath("//button[normalize-space()='Export as NDJSON']")).click();
        Path exported = DOWNLOADS.resolve("tagledger-audit.ndjson");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> Files.isRegularFile(exported));
        List<JsonNode> lines = readLines(exported);
        assertThat(lines).hasSize(entries.size()).allSatisfy(line -> {
            assertThat(line.get("principal").asText()).isEqualTo("bob");
            assertThat(line.get("outcome").asText()).isEqualTo("refused");
            assertThat(line.get("repository").asText()).isEqualTo(name);
        });

        // On a phone-sized screen the timeline fits the width: nothing to scroll sideways.
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            open("#/tag/" + name.replace("/", "%2F") + "/prod");
            waitForCount(By.cssSelector("ol.timeline > li"), 4);
            assertThat((Long) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                    .isLessThanOrEqualTo(0L);
            screenshot("timeline-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 800));
        }

        // Alice sees the repositories of team/ alone, and not the trail she may not read.
        signIn("AKIDALICE", "example-alice-secret");
        open("#/repositories?q=" + suffix);
        waitFor(By.cssSelector("tr[data-repository='" + name + "']"));
        assertThat(rows("tr[data-repository]")).extracting(row -> row.getAttribute("data-repository")).containsExactly(name);
        open("#/audit?repository=" + name);
        assertThat(waitFor(By.cssSelector("main .message.error")).getText()).contains("AccessDeniedException");
        assertThat(rows("#audit tbody tr")).isEmpty();
    }

    @Test
    void aRepositoryShowsItsLifecyclePolicyAndATagsTimelineTheExpiryWithItsRule() {
        String name = "team/lifecycle-web";
        as = ADMIN;
        createRepository(name, "MUTABLE");
        String first = manifest("lifecycle-first");
        assertThat(push(name, "dev-1", first).status()).isEqualTo(201);
        assertThat(push(name, "dev-2", manifest("lifecycle-second")).status()).isEqualTo(201);
        assertThat(putJson("/repositories/" + name + "/-/lifecycle-policy", LifecyclePolicyTest.POLICY).status()).isEqualTo(200);
        assertThat(postJson("/repositories/" + name + "/-/lifecycle-policy/apply", "").json().get("expired")).isEmpty();
        String keepOne = LifecyclePolicyTest.POLICY.replace("\"countNumber\":2", "\"countNumber\":1");
        assertThat(putJson("/repositories/" + name + "/-/lifecycle-policy", keepOne).status()).isEqualTo(200);
        assertThat(postJson("/repositories/" + name + "/-/lifecycle-policy/apply", "").json().get("expired")).hasSize(1);

        signIn("AKIDADMIN", "example-admin-secret");
        open("#/repository/" + name.replace("/", "%2F"));
        waitForHeading(name);
        assertThat(waitForCount(By.cssSelector("#lifecycle tr[data-rule]"), 4)).extracting(WebElement::getText).satisfies(rules -> {
            assertThat(rules.get(0)).contains("the two newest dev builds", "tagged images matching dev-*: keeps the 1 newest", "expire");
            assertThat(rules.get(3)).contains("any images: keeps those pushed in the last 60 days");
        });
        open("#/tag/" + name.replace("/", "%2F") + "/dev-1");
        waitForHeading("dev-1 in " + name);
        List<WebElement> timeline = waitForCount(By.cssSelector("ol.timeline > li"), 2);
        assertThat(timeline).extracting(item -> item.getAttribute("data-kind")).containsExactly("expiry", "period");
        WebElement expiry = timeline.get(0);
        assertThat(expiry.getAttribute("data-rule")).isEqualTo("1");
        assertThat(expiry.getAttribute("data-principal")).isEqualTo("carol");
        assertThat(expiry.getText()).contains("expired", "rule 1 (the two newest dev builds)",
                "imageCountMoreThan 1: the 2nd newest of 2 images tagged dev-*");
        assertThat(expiry.findElement(By.cssSelector("code")).getAttribute("title")).isEqualTo(digestOf(first));
        assertThat(timeline.get(1).getAttribute("data-ended-how")).isEqualTo("deleted");
        screenshot("expiry");
    }

    @Test
    void aRepositoryShowsItsTrustPolicyAndATagsTimelineTheRefusedUnsignedMoveAndTheSignatureThatLetItMove() {
        String name = "team/signed-web";
        as = ADMIN;
        createRepository(name, "MUTABLE");
        KeyPair key = Signers.p256();
        ObjectNode policy = JSON.createObjectNode().put("mode", "ENFORCE");
        policy.putArray("tags").add("v*");
        policy.putArray("cosignKeys").add(Signers.pem(key.getPublic()));
        assertThat(putJson("/repositories/" + name + "/-/trust-policy", policy.toString()).status()).isEqualTo(200);
        String manifest = manifest("signed-web");
        String digest = digestOf(manifest);
        assertThat(push(name, digest, manifest).status()).isEqualTo(201);
        assertThat(push(name, "v1", manifest).status()).isEqualTo(409);
        byte[] payload = Signers.cosignPayload("127.0.0.1/" + name, digest);
        Signers.SignatureArtifact signature = Signers.cosignTagManifest(payload, Signers.cosignSignature(key.getPrivate(), payload));
        signature.blobs().forEach(blob -> assertThat(send("POST", "/v2/" + name + "/blobs/uploads/?digest=" + blob.digest(),
                "application/octet-stream", blob.bytes()).status()).isEqualTo(201));
        assertThat(send("PUT", "/v2/" + name + "/manifests/" + digest.replace(':', '-') + ".sig", Signers.OCI_MANIFEST,
                signature.manifest().bytes()).status()).isEqualTo(201);
        assertThat(push(name, "v1", manifest).status()).isEqualTo(201);

        signIn("AKIDADMIN", "example-admin-secret");
        open("#/repository/" + name.replace("/", "%2F"));
        waitForHeading(name);
        assertThat(waitFor(By.cssSelector("#trust p[data-mode]")).getText())
                .contains("The tags v* move only onto images signed by a trusted key", "1 cosign key", "0 Notation certificates");
        open("#/tag/" + name.replace("/", "%2F") + "/v1");
        waitForHeading("v1 in " + name);
        List<WebElement> timeline = waitForCount(By.cssSelector("ol.timeline > li"), 3);
        assertThat(timeline).extracting(item -> item.getAttribute("data-kind")).containsExactlyInAnyOrder("verdict", "period", "refusal");
        assertThat(timeline.get(2).getAttribute("data-kind")).isEqualTo("refusal");
        assertThat(timeline.get(2).getText()).contains("ImageSignatureRequiredException", "no signature of " + digest + " was found");
        WebElement verdict = timeline.stream().filter(item -> "verdict".equals(item.getAttribute("data-kind"))).findFirst().orElseThrow();
        assertThat(verdict.getAttribute("data-verified")).isEqualTo("true");
        assertThat(verdict.getText()).contains("signed", "is signed by cosign key sha256:", "the cosign signature in sha256:",
                "(tag " + digest.replace(':', '-') + ".sig)");
        screenshot("signature-verdict");
    }

    @Test
    void thePagesAreForAnyoneAndMayRunOnlyTheirOwnScriptWhileTheApiStillAsksWhoCalls() {
        as = null;
        Response page = get("/console/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("<script src=\"console.js\" defer></script>").doesNotContain("<script>");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(get("/console/console.js").status()).isEqualTo(200);
        Response bare = get("/console");
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).endsWith("/console/");
        assertThat(get("/repositories").status()).isEqualTo(401);
        assertThat(get("/repositories").header("Content-Security-Policy")).isNull();
    }

    @Test
    void theKeyboardReachesTheSkipLinkFirstAndAWrongSecretSignsNobodyIn() {
        open("#/sign-out");
        waitForHeading("Sign in");
        browser.navigate().refresh();
        waitForHeading("Sign in");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to content");
        focused.sendKeys(Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");

        browser.findElement(By.name("keyId")).sendKeys("AKIDALICE");
        browser.findElement(By.name("secret")).sendKeys("not-her-secret", Keys.ENTER);
        assertThat(waitFor(By.cssSelector("main .message.error")).getText()).contains("UnrecognizedClientException");
        open("#/repositories");
        assertThat(waitFor(By.cssSelector("main .message.error")).getText()).contains("Sign in");
    }

    @Test
    void onlyAnAdminSeesTheProjectionsAndMayReplayThem() {
        signIn("AKIDSECURITY", "example-security-secret");
        browser.findElement(By.linkText("Projections")).click();
        waitForHeading("Projections");
        assertThat(waitFor(By.cssSelector("main .message.error")).getText()).contains("AccessDeniedException");

        signIn("AKIDADMIN", "example-admin-secret");
        browser.findElement(By.linkText("Projections")).click();
        waitForHeading("Projections");
        // The page reloads its table every 2 s, so each check reads the table afresh.
        waitForCount(By.cssSelector("tr[data-projection]"), 5);
        assertThat(projectionCells(1)).containsExactlyInAnyOrder("registry-views", "audit-trail", "history", "creation-templates",
                "repository-settings");
        assertThat(projectionCells(8)).allSatisfy(button -> assertThat(button).startsWith("Replay "));
        assertThat(projectionCells(6)).as("no replay yet, so no replay rate").containsOnly("");

        // A keyboard user on the button keeps the focus while the figures refresh (every 2 s), and presses Enter.
        WebElement replay = browser.findElement(By.xpath("//button[normalize-space()='Replay history']"));
        script("arguments[0].focus()", replay);
        sleep(Duration.ofMillis(4500));
        assertThat(browser.switchTo().activeElement()).isEqualTo(replay);
        replay.sendKeys(Keys.ENTER);
        browser.switchTo().alert().accept();
        // A replay leaves its rate, and the projection live again.
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(driver -> {
            WebElement row = driver.findElement(By.cssSelector("tr[data-projection='history']"));
            return !row.findElement(By.cssSelector("td:nth-child(6)")).getText().isEmpty()
                    && row.findElement(By.cssSelector("td:nth-child(2)")).getText().equals("live");
        });
    }

    /** The text of one column of the projections table, read in one go in the page. */
    @SuppressWarnings("unchecked")
    private static List<String> projectionCells(int column) {
        return (List<String>) script("return Array.from(document.querySelectorAll('tr[data-projection] td:nth-child(" + column
                + ")')).map(cell => cell.textContent)");
    }

    @Test
    void repositoriesArePagedForwardAndBackWithinASearch() {
        as = ADMIN;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            names.add("paged/r" + String.format("%02d", i));
            createRepository(names.get(i), "MUTABLE");
        }
        signIn("AKIDSECURITY", "example-security-secret");
        browser.findElement(By.name("q")).sendKeys("PAGED/", Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> names.get(0).equals(firstRepositoryShown()));
        assertThat(repositoriesShown()).isEqualTo(names.subList(0, 25));

        browser.findElement(By.linkText("Next page →")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> names.get(25).equals(firstRepositoryShown()));
        assertThat(repositoriesShown()).isEqualTo(names.subList(25, 27));
        assertThat(browser.findElements(By.linkText("Next page →"))).isEmpty();

        browser.findElement(By.linkText("← Previous page")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> names.get(0).equals(firstRepositoryShown()));
        assertThat(repositoriesShown()).isEqualTo(names.subList(0, 25));
        assertThat(browser.findElements(By.linkText("← Previous page"))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<String> repositoriesShown() {
        return (List<String>) script("return Array.from(document.querySelectorAll('tr[data-repository]')).map(row => row.dataset.repository)");
    }

    private static String firstRepositoryShown() {
        List<String> shown = repositoriesShown();
        return shown.isEmpty() ? null : shown.get(0);
    }

    @Test
    void aBrokenChainIsShownWithTheFirstEventThatDoesNotHold() {
        String name = "team/ledger";
        as = ADMIN;
        createRepository(name, "MUTABLE");
        as = ALICE;
        push(name, "v1", manifest("ledger-1"));
        push(name, "v2", manifest("ledger-2"));
        byte[] stored = jdbc.queryForObject("select meta_data from domain_event_entry where aggregate_identifier = ? and sequence_number = 2",
                byte[].class, name);
        String metadata = new String(stored, StandardCharsets.UTF_8);
        assertThat(metadata).contains("\"principal\":\"alice\"");
        jdbc.update("update domain_event_entry set meta_data = ? where aggregate_identifier = ? and sequence_number = 2",
                metadata.replace("\"principal\":\"alice\"", "\"principal\":\"mallory\"").getBytes(StandardCharsets.UTF_8), name);

        signIn("AKIDSECURITY", "example-security-secret");
        open("#/repository/" + name.replace("/", "%2F"));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.textMatches(By.id("chain"), Pattern.compile(".*by \\S+$")));
        assertThat(browser.findElement(By.cssSelector("#chain .badge")).getText()).isEqualTo("broken");
        assertThat(browser.findElement(By.id("chain")).getText()).startsWith("broken at event 2 of 3: ImagePushed at ").endsWith("by mallory");
    }

    /** Signs in as a person would: from the console's own link, which signs out whoever was signed in. */
    private void signIn(String keyId, String secret) {
        if (!browser.getCurrentUrl().contains("/console/")) {
            open("");
        }
        waitFor(By.id("identity")).click();
        waitForHeading("Sign in");
        browser.findElement(By.name("keyId")).sendKeys(keyId);
        browser.findElement(By.name("secret")).sendKeys(secret, Keys.ENTER);
        waitForHeading("Repositories");
    }

    private void open(String route) {
        browser.get("http://localhost:" + port + "/console/" + route);
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static List<WebElement> waitForCount(By locator, int count) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> driver.findElements(locator).size() >= count);
        return browser.findElements(locator);
    }

    private static void waitForHeading(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    private static List<WebElement> rows(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    private static List<JsonNode> readLines(Path file) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    private static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File taken = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(taken.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
