package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// The environment variables of the credential chain: names, not secrets.
//
//nolint:gosec // G101 takes the names for hardcoded credentials.
const (
	EnvSecretID     = "TENCENTCLOUD_SECRET_ID"
	EnvSecretKey    = "TENCENTCLOUD_SECRET_KEY"
	EnvSessionToken = "TENCENTCLOUD_SESSION_TOKEN"
	envTccliProfile = "TCCLI_PROFILE"
	envCredFile     = "TENCENTCLOUD_CREDENTIALS_FILE"
)

// Credentials are the credentials that sign the requests, and where they
// came from. Source names the place, never the secret.
type Credentials struct {
	Credential common.CredentialIface
	Source     string
	// renewedByTccli is set for the OAuth and SSO credentials of a tccli
	// profile: temporary, and renewed only when tccli runs.
	renewedByTccli string
}

// CredentialOptions configure FindCredentials.
type CredentialOptions struct {
	// Getenv looks up environment variables.
	Getenv func(string) string
	// Profile is the tccli profile that --profile names; "" means the
	// chain.
	Profile string
	// Role finds the credentials of the CVM instance role; nil skips it.
	Role common.Provider
	// RoleTimeout bounds the role lookup; 0 means 3 seconds. The metadata
	// service answers at once on a CVM, and not at all elsewhere.
	RoleTimeout time.Duration
}

// ErrNoCredentials is returned when no place of the chain holds
// credentials.
var ErrNoCredentials = errors.New("no credentials: set " + EnvSecretID + " and " + EnvSecretKey +
	" (and " + EnvSessionToken + " for temporary ones), configure a tccli profile (tccli configure), or run on a CVM with a CAM role")

// FindCredentials returns the credentials of the usual chain: the tccli
// profile --profile names, else TENCENTCLOUD_SECRET_ID and
// TENCENTCLOUD_SECRET_KEY (with TENCENTCLOUD_SESSION_TOKEN), else the tccli
// profile TCCLI_PROFILE names or "default", else
// ~/.tencentcloud/credentials (or TENCENTCLOUD_CREDENTIALS_FILE), else the
// CVM instance role. The files are read by the SDK's providers, which
// find the home folder ($HOME, %USERPROFILE% on Windows) and
// TENCENTCLOUD_CREDENTIALS_FILE in the process's environment.
func FindCredentials(o CredentialOptions) (*Credentials, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		home = ""
	}
	if o.Profile != "" {
		return tccliProfile(home, o.Profile, true)
	}
	id, key := o.Getenv(EnvSecretID), o.Getenv(EnvSecretKey)
	switch {
	case id != "" && key != "":
		return &Credentials{Credential: common.NewTokenCredential(id, key, o.Getenv(EnvSessionToken)), Source: EnvSecretID}, nil
	case id != "":
		return nil, fmt.Errorf("%s is set but %s is not", EnvSecretID, EnvSecretKey)
	case key != "":
		return nil, fmt.Errorf("%s is set but %s is not", EnvSecretKey, EnvSecretID)
	}
	name := o.Getenv(envTccliProfile)
	if name == "" {
		name = "default"
	}
	if c, err := tccliProfile(home, name, false); c != nil || err != nil {
		return c, err
	}
	if c, err := iniProfile(home); c != nil || err != nil {
		return c, err
	}
	if o.Role != nil {
		if c := cvmRole(o.Role, o.RoleTimeout); c != nil {
			return c, nil
		}
	}
	return nil, ErrNoCredentials
}

// tccliProfile reads ~/.tccli/NAME.credential, the file that `tccli
// configure` writes ({"secretId", "secretKey", "token"}). A missing file
// is an error only when required.
func tccliProfile(home, name string, required bool) (*Credentials, error) {
	if name != filepath.Base(name) || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return nil, fmt.Errorf("tccli profile %q is not a profile name", name)
	}
	shown := "~/.tccli/" + name + ".credential"
	if home == "" {
		if required {
			return nil, fmt.Errorf("tccli profile %s: no home folder to find %s in", name, shown)
		}
		return nil, nil
	}
	path := filepath.Join(home, ".tccli", name+".credential")
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) && !required {
			return nil, nil
		}
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("tccli profile %s: %s does not exist (tccli configure --profile %s writes it)", name, shown, name)
		}
		return nil, fmt.Errorf("tccli profile %s: %w", name, err)
	}
	cred, err := common.NewTccliProfileProvider(name).GetCredential()
	if err != nil {
		return nil, fmt.Errorf("tccli profile %s (%s): %w", name, shown, err)
	}
	c := &Credentials{Credential: cred, Source: "tccli profile " + name}
	if kind := tccliKind(path); kind == "oauth" || kind == "sso" {
		c.renewedByTccli = name
	}
	return c, nil
}

// tccliKind returns the type of a tccli credential file: "" for keys,
// "oauth" or "sso" for temporary credentials that tccli renews.
func tccliKind(path string) string {
	raw, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var f struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(raw, &f)
	return f.Type
}

// iniProfile reads the [default] section of the SDK's own credentials
// file, TENCENTCLOUD_CREDENTIALS_FILE or ~/.tencentcloud/credentials, when
// one is there.
func iniProfile(home string) (*Credentials, error) {
	shown, ok := os.LookupEnv(envCredFile)
	switch {
	case ok && shown == "":
		// The SDK's provider refuses an empty name; nothing to read.
		return nil, nil
	case !ok:
		if home == "" {
			return nil, nil
		}
		if _, err := os.Stat(filepath.Join(home, ".tencentcloud", "credentials")); errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		shown = "~/.tencentcloud/credentials"
	}
	cred, err := common.DefaultProfileProvider().GetCredential()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, err)
	}
	return &Credentials{Credential: cred, Source: shown}, nil
}

// cvmRole asks the metadata service for the credentials of the CVM's CAM
// role; nil when there is none or it does not answer in time.
func cvmRole(p common.Provider, timeout time.Duration) *Credentials {
	if timeout <= 0 {
		timeout = 3 * time.Second
	}
	got := make(chan common.CredentialIface, 1)
	go func() {
		cred, err := p.GetCredential()
		if err != nil {
			cred = nil
		}
		got <- cred
	}()
	select {
	case cred := <-got:
		if cred == nil {
			return nil
		}
		return &Credentials{Credential: cred, Source: "the CVM role"}
	case <-time.After(timeout):
		return nil
	}
}

// Hint says what to do when the API rejects these credentials.
func (c *Credentials) Hint() string {
	if c.renewedByTccli != "" {
		return "tccli renews the temporary credentials of profile " + c.renewedByTccli +
			" when it runs: run a tccli command with --profile " + c.renewedByTccli + ", then fetch again"
	}
	return "check the credentials from " + c.Source + ", and the clock of this machine"
}
