package io.pilotage.shared.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Guards every write to the API. It reads the body once, refusing with 413 what exceeds the endpoint's
 * limit before anything parses it, and honours the {@code Idempotency-Key} header: the first request
 * with a key is executed and its outcome kept; a retry with the same key and body gets that outcome back
 * with {@code Idempotent-Replayed: true} and writes nothing; the same key with another body is refused
 * with 422; a retry while the first is still running waits for it and gets its outcome. A 5xx outcome is
 * not kept, so the client may retry it; the body of an answer marked {@code Cache-Control: no-store} (a secret shown
 * once) is not kept either, and its replay has the status and Location without it; a database that cannot be reached gives 503 with Retry-After, and any
 * other database failure is a fault, answered 500 like one, not passed off as unavailability.
 */
@Component
public class WriteRequestFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    /** An answer marked so holds a secret shown once (an API key): its body is not kept, a replay answers without it. */
    private static final String NO_STORE = "no-store";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private static final Logger LOG = LoggerFactory.getLogger(WriteRequestFilter.class);

    private final IdempotencyStore store;
    private final PlatformTransactionManager transactions;
    private final ObjectMapper mapper;
    private final long maxJsonBytes;
    private final long maxImportBytes;

    public WriteRequestFilter(IdempotencyStore store, PlatformTransactionManager transactions, ObjectMapper mapper,
                              @Value("${pilotage.api.max-json-body-bytes:1048576}") long maxJsonBytes,
                              @Value("${pilotage.api.max-import-bytes:67108864}") long maxImportBytes) {
        this.store = store;
        this.transactions = transactions;
        this.mapper = mapper;
        this.maxJsonBytes = maxJsonBytes;
        this.maxImportBytes = maxImportBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        boolean write = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method);
        return !write || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getRequestURI().startsWith("/api/lighting/imports") ? maxImportBytes : maxJsonBytes;
        Optional<byte[]> body = request.getContentLengthLong() > limit ? Optional.empty()
                : readWithin(request.getInputStream(), limit);
        if (body.isEmpty()) {
            problem(response, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large",
                    "The request body exceeds the limit of " + limit + " bytes."));
            return;
        }
        CachedBodyRequest cached = new CachedBodyRequest(request, body.get());
        String key = request.getHeader(HEADER);
        // Telemetry carries its own message ids and records nothing twice; keying it too would hold a second connection
        // per message for nothing.
        if (key == null || request.getRequestURI().endsWith("/ingest")) {
            chain.doFilter(cached, response);
            return;
        }
        if (!KEY.matcher(key).matches()) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters.");
            problem.setProperty("field", HEADER);
            problem(response, problem);
            return;
        }
        executeOnce(cached, response, chain, key);
    }

    /**
     * Claims the key, runs the request and stores its outcome in one database transaction, which the command's
     * unit of work joins (the local command bus handles it on this thread): a process that dies before the
     * commit leaves neither the key nor the events, so the retry executes for real; after the commit both
     * exist and the retry is replayed. A refusal (4xx) wrote nothing and is kept in a transaction of its own; a
     * failure (5xx) keeps nothing, so the client may retry it.
     */
    private void executeOnce(CachedBodyRequest request, HttpServletResponse response, FilterChain chain, String key)
            throws IOException, ServletException {
        String principal = principal();
        String hash = hash(request);
        TransactionStatus transaction;
        IdempotencyStore.Claim claim;
        try {
            transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
        } catch (TransactionException unavailable) {
            unavailable(response, unavailable);
            return;
        }
        try {
            claim = store.claim(principal, key, request.getMethod(), request.getRequestURI(), hash);
        } catch (DataAccessException unavailable) {
            rollbackQuietly(transaction);
            unavailable(response, unavailable);
            return;
        }
        if (claim.state() != IdempotencyStore.State.CLAIMED) {
            transactions.rollback(transaction);
            answer(claim, response);
            return;
        }
        ContentCachingResponseWrapper recorder = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorder);
            int status = recorder.getStatus();
            if (status < 400) {
                boolean secret = NO_STORE.equals(recorder.getHeader(HttpHeaders.CACHE_CONTROL));
                store.complete(principal, key, status, secret ? null : recorder.getContentType(), recorder.getHeader("Location"),
                        secret ? new byte[0] : recorder.getContentAsByteArray());
                transactions.commit(transaction);
            } else {
                transactions.rollback(transaction);
                if (status < 500) {
                    keepRefusal(request, principal, key, hash, recorder);
                }
            }
        } catch (DataAccessException | TransactionException lost) {
            String correlationId = response.getHeader(CorrelationIdFilter.HEADER);
            recorder.reset();
            if (correlationId != null) {
                response.setHeader(CorrelationIdFilter.HEADER, correlationId);
            }
            unavailable(response, lost);
            return;
        } finally {
            if (!transaction.isCompleted()) {
                rollbackQuietly(transaction);
            }
        }
        recorder.copyBodyToResponse();
    }

    /** A connection that broke cannot roll back either; PostgreSQL discards its transaction anyway. */
    private void rollbackQuietly(TransactionStatus transaction) {
        try {
            transactions.rollback(transaction);
        } catch (TransactionException broken) {
            LOG.warn("Could not roll back an idempotent request's transaction", broken);
        }
    }

    private void keepRefusal(CachedBodyRequest request, String principal, String key, String hash,
                             ContentCachingResponseWrapper recorder) {
        try {
            store.record(principal, key, request.getMethod(), request.getRequestURI(), hash, recorder.getStatus(),
                    recorder.getContentType(), recorder.getHeader("Location"), recorder.getContentAsByteArray());
        } catch (DataAccessException unavailable) {
            LOG.warn("Could not keep the refusal of an idempotent request; a retry will be evaluated again", unavailable);
        }
    }

    private void answer(IdempotencyStore.Claim claim, HttpServletResponse response) throws IOException {
        switch (claim.state()) {
            case MISMATCH -> problem(response, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "Idempotency-Key reused", "This Idempotency-Key was already used for a different request."));
            case IN_PROGRESS -> problem(response, Problems.of(HttpStatus.CONFLICT, "idempotency-key-in-use",
                    "Request in progress", "A request with this Idempotency-Key is still being processed; retry later."));
            case COMPLETED -> {
                IdempotencyStore.Outcome outcome = claim.outcome();
                response.setStatus(outcome.status());
                response.setHeader(REPLAYED, "true");
                if (outcome.contentType() != null) {
                    response.setContentType(outcome.contentType());
                }
                if (outcome.location() != null) {
                    response.setHeader("Location", outcome.location());
                }
                response.getOutputStream().write(outcome.body());
            }
            case CLAIMED -> throw new IllegalStateException("A claimed key is executed, not answered");
        }
    }

    /**
     * The database cannot be reached. If it failed at the commit the write may or may not have been kept,
     * which is exactly what a retry with the same key settles.
     */
    private void unavailable(HttpServletResponse response, RuntimeException cause) throws IOException {
        if (!DatabaseUnavailable.causes(cause)) {
            throw cause;
        }
        LOG.warn("Idempotent write refused: the database is unavailable", cause);
        DatabaseUnavailable.write(response, DatabaseUnavailable.problem(
                "The database could not be reached. Retry with the same Idempotency-Key: the request takes effect at most once."), mapper);
    }

    private static String principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "anonymous" : authentication.getName();
    }

    private static String hash(CachedBodyRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(request.body());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<byte[]> readWithin(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return Optional.empty();
            }
            out.write(buffer, 0, read);
        }
        return Optional.of(out.toByteArray());
    }

    private void problem(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Problems.write(response, problem, mapper);
    }
}
