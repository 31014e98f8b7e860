package fetch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// home makes an empty home folder with the given files and points HOME at
// it, where the SDK's providers look.
func home(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HOME", dir)
	t.Setenv("USERPROFILE", dir)
	if _, ok := os.LookupEnv(envCredFile); ok {
		t.Setenv(envCredFile, filepath.Join(dir, "no-such-file"))
	}
}

// provider is a CVM role that answers after a delay.
type provider struct {
	cred  common.CredentialIface
	err   error
	delay time.Duration
}

func (p provider) GetCredential() (common.CredentialIface, error) {
	time.Sleep(p.delay)
	return p.cred, p.err
}

func TestFindCredentials(t *testing.T) {
	const (
		keys    = `{"secretId": "AKIDprofile", "secretKey": "profile-key"}`
		oauth   = `{"type": "oauth", "secretId": "AKIDoauth", "secretKey": "oauth-key", "token": "oauth-token", "expiresAt": 1700000000}`
		iniFile = "[default]\nsecret_id = AKIDini\nsecret_key = ini-key\n"
	)
	role := provider{cred: common.NewTokenCredential("AKIDrole", "role-key", "role-token")}
	for _, tc := range []struct {
		name    string
		env     map[string]string
		files   map[string]string
		profile string
		role    common.Provider
		want    string // source id key token, or the error
	}{
		{"environment", map[string]string{EnvSecretID: "AKIDenv", EnvSecretKey: "env-key"}, nil, "", nil,
			"TENCENTCLOUD_SECRET_ID AKIDenv env-key "},
		{"environment with token", map[string]string{EnvSecretID: "AKIDenv", EnvSecretKey: "env-key", EnvSessionToken: "tok"},
			map[string]string{".tccli/default.credential": keys}, "", role,
			"TENCENTCLOUD_SECRET_ID AKIDenv env-key tok"},
		{"id without key", map[string]string{EnvSecretID: "AKIDenv"}, nil, "", nil,
			"error: TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not"},
		{"key without id", map[string]string{EnvSecretKey: "k"}, nil, "", nil,
			"error: TENCENTCLOUD_SECRET_KEY is set but TENCENTCLOUD_SECRET_ID is not"},
		{"--profile beats the environment", map[string]string{EnvSecretID: "AKIDenv", EnvSecretKey: "env-key"},
			map[string]string{".tccli/prod.credential": oauth}, "prod", nil,
			"tccli profile prod AKIDoauth oauth-key oauth-token"},
		{"--profile missing", nil, map[string]string{".tccli/default.credential": keys}, "prod", role,
			"error: tccli profile prod: ~/.tccli/prod.credential does not exist (tccli configure --profile prod writes it)"},
		{"--profile not a name", nil, nil, "../secrets", nil, `error: tccli profile "../secrets" is not a profile name`},
		{"--profile without keys", nil, map[string]string{".tccli/prod.credential": `{"secretId": ""}`}, "prod", nil,
			`error: tccli profile prod (~/.tccli/prod.credential): [TencentCloudSDKError] Code=ClientError.CredentialError, Message=Failed to parse TCCLI profile file, please confirm whether it contains "secretId" and "secretKey"`},
		{"default tccli profile", nil, map[string]string{".tccli/default.credential": keys, ".tencentcloud/credentials": iniFile}, "", role,
			"tccli profile default AKIDprofile profile-key "},
		{"TCCLI_PROFILE", map[string]string{envTccliProfile: "prod"}, map[string]string{".tccli/default.credential": oauth, ".tccli/prod.credential": keys}, "", nil,
			"tccli profile prod AKIDprofile profile-key "},
		{"SDK credentials file", nil, map[string]string{".tencentcloud/credentials": iniFile}, "", role,
			"~/.tencentcloud/credentials AKIDini ini-key "},
		{"CVM role", nil, nil, "", role, "the CVM role AKIDrole role-key role-token"},
		{"no CVM role", nil, nil, "", provider{err: errors.New("no role")}, "error: " + ErrNoCredentials.Error()},
		{"metadata service silent", nil, nil, "", provider{cred: role.cred, delay: time.Second}, "error: " + ErrNoCredentials.Error()},
		{"nothing", nil, nil, "", nil, "error: " + ErrNoCredentials.Error()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home(t, tc.files)
			c, err := FindCredentials(CredentialOptions{
				Getenv:      func(k string) string { return tc.env[k] },
				Profile:     tc.profile,
				Role:        tc.role,
				RoleTimeout: 50 * time.Millisecond,
			})
			var got string
			if err != nil {
				got = "error: " + err.Error()
			} else {
				id, key, token := c.Credential.GetCredential()
				got = strings.Join([]string{c.Source, id, key, token}, " ")
			}
			if got != tc.want {
				t.Errorf("\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestHint(t *testing.T) {
	home(t, map[string]string{".tccli/sso.credential": `{"type": "sso", "secretId": "a", "secretKey": "b", "token": "c"}`})
	c, err := FindCredentials(CredentialOptions{Getenv: func(string) string { return "" }, Profile: "sso"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "tccli renews the temporary credentials of profile sso when it runs: run a tccli command with --profile sso, then fetch again"; c.Hint() != want {
		t.Errorf("hint: %s", c.Hint())
	}
	c = &Credentials{Source: EnvSecretID}
	if want := "check the credentials from TENCENTCLOUD_SECRET_ID, and the clock of this machine"; c.Hint() != want {
		t.Errorf("hint: %s", c.Hint())
	}
}
