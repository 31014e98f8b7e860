package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// sarifSelectionInput has, in one module: an error (TKESG201), two warnings
// (TKESG202, TKESG104), a finding suppressed by a comment, and two
// undecided notes (the networks of the cluster the node SG is named after
// are unknown).
const sarifSelectionInput = nodeSG + `
resource "tencentcloud_security_group" "open" {
  name = "open"
}

resource "tencentcloud_security_group_rule_set" "open" {
  security_group_id = tencentcloud_security_group.open.id
  # tkesglint:ignore TKESG202 reason="jump host, reviewed"
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "3389"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
`

// sarifLog is the part of a SARIF log the selection tests read.
type sarifLog struct {
	Runs []struct {
		Results []struct {
			RuleID       string `json:"ruleId"`
			Level        string `json:"level"`
			Message      struct{ Text string }
			Suppressions []json.RawMessage `json:"suppressions"`
			Fingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
		Invocations []struct {
			Notifications []struct {
				Message struct{ Text string }
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

// TestSARIFSelection: GitHub code scanning makes every result an open
// alert, so a SARIF log holds, by default, the findings that count at the
// levels chosen; suppressed findings and undecided notes come with
// --sarif-include, for consumers that honor SARIF suppressions.
func TestSARIFSelection(t *testing.T) {
	files := map[string]string{"main.tf": sarifSelectionInput}
	read := func(args ...string) (sarifLog, string) {
		t.Helper()
		r := runIn(t, files, append([]string{"--format", "sarif", "."}, args...)...)
		var log sarifLog
		if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
			t.Fatalf("%v: %v\n%s%s", args, err, r.stdout, r.stderr)
		}
		return log, r.stdout
	}
	type counts struct{ errors, warnings, notes, suppressed, undecided int }
	count := func(log sarifLog) counts {
		var c counts
		for _, res := range log.Runs[0].Results {
			switch {
			case len(res.Suppressions) > 0:
				c.suppressed++
			case strings.Contains(res.Message.Text, "is unknown"):
				c.undecided++
			case res.Level == "error":
				c.errors++
			case res.Level == "warning":
				c.warnings++
			case res.Level == "note":
				c.notes++
			}
		}
		return c
	}
	notice := func(log sarifLog) string {
		var texts []string
		for _, n := range log.Runs[0].Invocations[0].Notifications {
			texts = append(texts, n.Message.Text)
		}
		return strings.Join(texts, "\n")
	}

	all, _ := read("--sarif-include", "all")
	if c := count(all); c != (counts{errors: 1, warnings: 2, suppressed: 1, undecided: 2}) {
		t.Fatalf("--sarif-include all: %+v", c)
	}
	for _, tc := range []struct {
		args []string
		want counts
		left string // in the notification of what was left out
	}{
		{nil, counts{errors: 1, warnings: 2}, "3 findings are not in this log, which holds what code scanning should show as alerts: 1 suppressed (--sarif-include suppressed), 2 checks left undecided (--sarif-include undecided)."},
		{[]string{"--sarif-level", "error"}, counts{errors: 1}, "5 findings are not in this log, which holds what code scanning should show as alerts: 5 below level error (--sarif-level)."},
		{[]string{"--sarif-include", "suppressed"}, counts{errors: 1, warnings: 2, suppressed: 1}, "2 checks left undecided (--sarif-include undecided)"},
		{[]string{"--sarif-include", "undecided"}, counts{errors: 1, warnings: 2, undecided: 2}, "1 finding is not in this log, which holds what code scanning should show as alerts: 1 suppressed (--sarif-include suppressed)."},
		// --sarif-level bounds every result, included ones too: the
		// suppressed warning is not in a log of errors, nor the undecided
		// notes in a log of warnings.
		{[]string{"--sarif-include", "suppressed", "--sarif-level", "error"}, counts{errors: 1}, "5 findings are not in this log, which holds what code scanning should show as alerts: 5 below level error (--sarif-level)."},
		{[]string{"--sarif-include", "undecided", "--sarif-level", "warning"}, counts{errors: 1, warnings: 2}, "3 findings are not in this log, which holds what code scanning should show as alerts: 2 below level warning (--sarif-level), 1 suppressed (--sarif-include suppressed)."},
		{[]string{"--sarif-include", "all", "--sarif-level", "warning"}, counts{errors: 1, warnings: 2, suppressed: 1}, "2 findings are not in this log, which holds what code scanning should show as alerts: 2 below level warning (--sarif-level)."},
	} {
		log, _ := read(tc.args...)
		if got := count(log); got != tc.want {
			t.Errorf("%v: results %+v, want %+v", tc.args, got, tc.want)
		}
		if !strings.Contains(notice(log), tc.left) {
			t.Errorf("%v: the notifications do not say %q:\n%s", tc.args, tc.left, notice(log))
		}
	}
	if strings.Contains(notice(all), "not in this log") {
		t.Errorf("--sarif-include all left something out:\n%s", notice(all))
	}

	// The fingerprints are the same from run to run.
	_, first := read("--sarif-include", "all")
	if _, again := read("--sarif-include", "all"); again != first {
		t.Error("two runs wrote different logs")
	}
	seen := map[string]bool{}
	for _, res := range all.Runs[0].Results {
		fp := res.Fingerprints["tkesglint/v2"]
		if len(fp) != 64 || seen[fp] {
			t.Errorf("fingerprint %q is missing or repeated", fp)
		}
		seen[fp] = true
	}

	for _, bad := range [][]string{{"--sarif-level", "none"}, {"--sarif-include", "notes"}} {
		if r := runIn(t, files, append(bad, ".")...); r.code != exitFailure || !strings.Contains(r.stderr, "want ") {
			t.Errorf("%v: exit %d, stderr %s", bad, r.code, r.stderr)
		}
	}
}

// TestSARIFWarningsThatLeaveChecksUndecided: a TKESG305 warning (a node
// group binds no SG) also names the checks it leaves undecided, for the
// text summary's count, but it is a finding: the default SARIF log has it,
// in every input kind, and the summary counts it once as a warning and once
// as a check left undecided.
func TestSARIFWarningsThatLeaveChecksUndecided(t *testing.T) {
	for _, tc := range []struct {
		path     string
		warnings int
	}{
		{"testdata/terraform/TKESG305/fires.tf", 7},
		{"testdata/template/TKESG305/main.yaml", 3},
		{"testdata/export/TKESG305/fires.json", 3},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := runReal(t, "--format", "sarif", tc.path)
			var log sarifLog
			if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
				t.Fatalf("%v\n%s%s", err, r.stdout, r.stderr)
			}
			n := 0
			for _, res := range log.Runs[0].Results {
				if res.RuleID == "TKESG305" && res.Level == "warning" {
					n++
				}
			}
			if n != tc.warnings || len(log.Runs[0].Results) != tc.warnings {
				t.Errorf("%d TKESG305 warnings among %d results, want %d:\n%s", n, len(log.Runs[0].Results), tc.warnings, r.stdout)
			}
			for _, inv := range log.Runs[0].Invocations {
				for _, note := range inv.Notifications {
					if strings.Contains(note.Message.Text, "not in this log") {
						t.Errorf("the log leaves findings out: %s", note.Message.Text)
					}
				}
			}

			r = runReal(t, "--no-color", tc.path)
			want := fmt.Sprintf("%d findings (0 errors, %d warnings, 0 notes), %d checks left undecided (no security group is bound", tc.warnings, tc.warnings, tc.warnings)
			if r.code != exitFindings || !strings.Contains(r.stdout, want) {
				t.Errorf("exit %d, want %d and a summary with %q:\n%s%s", r.code, exitFindings, want, r.stdout, r.stderr)
			}
		})
	}
}
