package fetch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
)

// APIError is a failed call: the API's error code and message, or the
// SDK's (ClientError.NetworkError, ClientError.ParseJsonError, …), or
// InvalidResponse for a response that is not what the API documents.
type APIError struct {
	Code, Message, RequestID string
}

func (e *APIError) Error() string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + e.Message
}

// codeInvalidResponse is the code of a response that is JSON but not the
// documented shape.
const codeInvalidResponse = "InvalidResponse"

// Unauthorized reports whether the error says that the credentials lack
// the CAM permission for the call (vpc and cvm say
// AuthFailure.UnauthorizedOperation, tke UnauthorizedOperation.CamNoAuth).
func (e *APIError) Unauthorized() bool {
	return e.Code == "AuthFailure.UnauthorizedOperation" || e.Code == "UnauthorizedOperation" ||
		strings.HasPrefix(e.Code, "UnauthorizedOperation.")
}

// credentialsRejected reports whether the error says that the credentials
// themselves are wrong, so that every other call would fail the same way.
func (e *APIError) credentialsRejected() bool {
	switch e.Code {
	case "AuthFailure.SecretIdNotFound", "AuthFailure.SignatureFailure", "AuthFailure.SignatureExpire",
		"AuthFailure.InvalidSecretId", "AuthFailure.TokenFailure", "AuthFailure.InvalidAuthorization":
		return true
	}
	return false
}

// unsupportedRegion reports whether the service does not exist in the
// region: there is nothing to fetch there, and nothing is missing.
func (e *APIError) unsupportedRegion() bool {
	return e.Code == "UnsupportedRegion" || strings.HasPrefix(e.Code, "UnsupportedRegion.")
}

// retryable reports whether the same call may succeed if made again:
// throttling, a network failure, an internal error of the API.
func (e *APIError) retryable() bool {
	switch {
	case strings.HasPrefix(e.Code, "RequestLimitExceeded"), e.Code == "ClientError.NetworkError",
		e.Code == "InternalError", strings.HasPrefix(e.Code, "InternalError."):
		return true
	case e.Code == "ClientError.HttpStatusCodeError":
		return strings.Contains(e.Message, "status code: 5") || strings.Contains(e.Message, "status code: 429")
	}
	return false
}

// attempts is how many times a call is made before its failure is kept:
// more for throttling, which passes, than for other failures.
func (e *APIError) attempts() int {
	if strings.HasPrefix(e.Code, "RequestLimitExceeded") {
		return 6
	}
	return 3
}

// client sends calls through the SDK, at most Jobs at once and each action
// at its documented rate, retrying what may succeed on retry.
type client struct {
	cred     common.CredentialIface
	endpoint string // as --endpoint gives it, or ""
	timeout  time.Duration
	backoff  func(attempt int) time.Duration
	reqID    string
	slots    chan struct{}
	// transport is shared by every SDK client, so that connections are
	// kept alive across services and regions.
	transport http.RoundTripper
	// onRetry is told about each retry.
	onRetry func(c call, region, resource string, err *APIError, wait time.Duration)

	mu       sync.Mutex
	clients  map[string]*common.Client
	limiters map[string]*limiter
}

// sdkClient returns the SDK's client of one service in one region.
func (cl *client) sdkClient(service, region string) (*common.Client, error) {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	key := service + "\x00" + region
	if c := cl.clients[key]; c != nil {
		return c, nil
	}
	prof := profile.NewClientProfile()
	prof.Language = "en-US"
	prof.HttpProfile.ReqTimeout = int((cl.timeout + time.Second - 1) / time.Second)
	scheme, host, err := endpointOf(cl.endpoint, service, region)
	if err != nil {
		return nil, err
	}
	prof.HttpProfile.Scheme = scheme
	prof.HttpProfile.Endpoint = host
	c := common.NewCommonClient(cl.cred, region, prof).WithHttpTransport(cl.transport)
	if id := requestClient(cl.reqID); id != "" {
		c = c.WithRequestClient(id)
	}
	cl.clients[key] = c
	return c, nil
}

// requestClient keeps the characters that the SDK accepts in
// X-TC-RequestClient (it logs to stderr and drops the name otherwise), at
// most 100 of them.
func requestClient(name string) string {
	out := []rune{}
	for _, r := range name {
		switch {
		case len(out) == 100:
			return string(out)
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', strings.ContainsRune("-_ ,;.", r):
			out = append(out, r)
		default:
			out = append(out, '.')
		}
	}
	return string(out)
}

// EndpointHelp says what --endpoint takes.
const EndpointHelp = "an http or https URL; {service} in its host stands for vpc, cvm or tke (https://{service}.internal.tencentcloudapi.com)"

// CheckEndpoint reports whether endpoint is a URL that fetch can call.
func CheckEndpoint(endpoint string) error {
	_, _, err := endpointOf(endpoint, "vpc", "ap-guangzhou")
	return err
}

// endpointOf returns the scheme and host (with any path) of the API of
// service in region: endpoint with {service} replaced when one is given,
// else the public endpoint (service.tencentcloudapi.com, or
// service.region.tencentcloudapi.com for the isolated finance regions).
func endpointOf(endpoint, service, region string) (scheme, host string, err error) {
	if endpoint == "" {
		if strings.HasSuffix(region, "-fsi") {
			return "https", service + "." + region + ".tencentcloudapi.com", nil
		}
		return "https", service + ".tencentcloudapi.com", nil
	}
	u, err := url.Parse(strings.ReplaceAll(endpoint, "{service}", service))
	switch {
	case err != nil:
		return "", "", fmt.Errorf("endpoint %q is not a URL: %w", endpoint, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", "", fmt.Errorf("endpoint %q is not %s", endpoint, EndpointHelp)
	case u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return "", "", fmt.Errorf("endpoint %q is not %s, with no user, query or fragment", endpoint, EndpointHelp)
	}
	return u.Scheme, u.Host + strings.TrimSuffix(u.Path, "/"), nil
}

// limiter spaces the calls of one action.
type limiter struct {
	mu    sync.Mutex
	next  time.Time
	every time.Duration
}

// wait returns when the next call may be made.
func (l *limiter) wait(ctx context.Context) error {
	l.mu.Lock()
	now := time.Now()
	at := l.next
	if at.Before(now) {
		at = now
	}
	l.next = at.Add(l.every)
	l.mu.Unlock()
	return sleep(ctx, at.Sub(now))
}

func (cl *client) limiter(c call) *limiter {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	l := cl.limiters[c.action]
	if l == nil {
		l = &limiter{every: c.every}
		cl.limiters[c.action] = l
	}
	return l
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// defaultBackoff waits 0.5s, 1s, 2s, 4s, 8s, each with up to a quarter
// more at random, so that concurrent retries spread out.
func defaultBackoff(attempt int) time.Duration {
	d := 500 * time.Millisecond << min(attempt, 4)
	return d + rand.N(d/4+1) //nolint:gosec // jitter needs no cryptographic randomness
}

// do makes one call and returns the inner object of its response (what
// `Response` holds), retrying throttled and transient failures. A failure
// that ctx ended is returned as ctx's error.
func (cl *client) do(ctx context.Context, c call, region, resource string, params map[string]any) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		if err := cl.limiter(c).wait(ctx); err != nil {
			return nil, err
		}
		body, err := cl.send(ctx, c, region, params)
		if err == nil {
			return body, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ae *APIError
		if !errors.As(err, &ae) || !ae.retryable() || attempt+1 >= ae.attempts() {
			return nil, err
		}
		wait := cl.backoff(attempt)
		if cl.onRetry != nil {
			cl.onRetry(c, region, resource, ae, wait)
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// send makes one request through the SDK, which signs it.
func (cl *client) send(ctx context.Context, c call, region string, params map[string]any) ([]byte, error) {
	sdk, err := cl.sdkClient(c.service, region)
	if err != nil {
		return nil, err
	}
	select {
	case cl.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-cl.slots }()
	ctx, cancel := context.WithTimeout(ctx, cl.timeout)
	defer cancel()
	req := tchttp.NewCommonRequest(c.service, c.version, c.action)
	if err := req.SetActionParameters(params); err != nil {
		return nil, fmt.Errorf("build the %s request: %w", c.action, err)
	}
	req.SetContext(ctx)
	resp := &rawResponse{}
	if err := sdk.Send(req, resp); err != nil {
		if se, ok := errors.AsType[*tcerr.TencentCloudSDKError](err); ok {
			msg := se.Message
			if cause := se.Unwrap(); cause != nil {
				msg += ": " + cause.Error()
			}
			return nil, &APIError{Code: se.Code, Message: shorten(msg), RequestID: se.RequestId}
		}
		return nil, &APIError{Code: "ClientError", Message: shorten(err.Error())}
	}
	return resp.inner()
}

// shorten keeps the start of long messages: the SDK puts a whole response
// body in its parse errors.
func shorten(s string) string {
	const limit = 300
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit]) + "…"
}

// rawResponse keeps the body of a response as the API sent it. The SDK
// has already turned a `Response.Error` into an error.
type rawResponse struct {
	tchttp.BaseResponse
	body []byte
}

// UnmarshalJSON keeps the body.
func (r *rawResponse) UnmarshalJSON(b []byte) error {
	r.body = append(r.body[:0], b...)
	return nil
}
