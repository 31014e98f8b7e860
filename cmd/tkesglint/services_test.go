package main

import (
	"maps"
	"strings"
	"testing"
)

// servicesSG exposes Kibana, Kafka, Redis and TCP 9090 to the world.
const servicesSG = `resource "tencentcloud_security_group" "apps" {
  name = "apps"
}

resource "tencentcloud_security_group_lite_rule" "apps" {
  security_group_id = tencentcloud_security_group.apps.id
  ingress = [
    "ACCEPT#0.0.0.0/0#5601#TCP",
    "ACCEPT#0.0.0.0/0#9092#TCP",
    "ACCEPT#0.0.0.0/0#6379#TCP",
    "ACCEPT#0.0.0.0/0#9090#TCP",
    "ACCEPT#0.0.0.0/0#3000#TCP",
  ]
}
`

// levelsOf returns, for each service name, the level of the TKESG206
// finding that names it ("" when none does).
func levelsOf(out string, names ...string) map[string]string {
	got := map[string]string{}
	for line := range strings.SplitSeq(out, "\n") {
		for _, level := range []string{"error", "warning", "note"} {
			_, msg, ok := strings.Cut(line, ": "+level+" TKESG206: ")
			if !ok {
				continue
			}
			for _, n := range names {
				if strings.Contains(msg, "accepts "+n+" from") || strings.Contains(msg, "may accept "+n+" from") {
					got[n] = level
				}
			}
		}
	}
	return got
}

// TestSensitiveServicesConfig: .tkesglint.yml and a user's ruleset change
// TKESG206's list without Go.
func TestSensitiveServicesConfig(t *testing.T) {
	names := []string{"Kibana", "Kafka", "Redis", "Prometheus", "Grafana"}
	files := map[string]string{"main.tf": servicesSG}
	r := runIn(t, files, "--enable", "TKESG206", ".")
	want := map[string]string{"Kibana": "warning", "Kafka": "warning", "Redis": "error"}
	if got := levelsOf(r.stdout, names...); r.code != 1 || !maps.Equal(got, want) {
		t.Errorf("built-in list: exit %d, levels %v, want %v:\n%s%s", r.code, got, want, r.stdout, r.stderr)
	}

	files[".tkesglint.yml"] = `rulesets: [grafana.yaml]
sensitive_services:
  disable: [kibana]
  levels: { Kafka: error, REDIS: note }
  add:
    - name: Prometheus
      protocol: TCP
      ports: "9090"
      level: warning
      why: metrics and the admin API answer anyone without authentication
`
	files["grafana.yaml"] = `ruleset: ours
sensitive_services:
  - { name: Grafana, protocol: TCP, ports: "3000", level: error, why: dashboards with the default admin password }
`
	r = runIn(t, files, "--enable", "TKESG206", ".")
	want = map[string]string{"Kafka": "error", "Redis": "note", "Prometheus": "warning", "Grafana": "error"}
	if got := levelsOf(r.stdout, names...); r.code != 1 || !maps.Equal(got, want) {
		t.Errorf("changed list: exit %d, levels %v, want %v:\n%s%s", r.code, got, want, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "accepts Prometheus from the world (0.0.0.0/0), for example TCP 9090 from 203.0.113.7: metrics and the admin API") {
		t.Errorf("an added service's message:\n%s", r.stdout)
	}

	// The ports of TKESG202 and TKESG203 stay theirs, even when a user lists
	// them: TCP 22 and 10250 are not TKESG206, the rest of the service is.
	owned := map[string]string{
		"main.tf": `resource "tencentcloud_security_group" "ops" {
  name = "ops"
}

resource "tencentcloud_security_group_lite_rule" "ops" {
  security_group_id = tencentcloud_security_group.ops.id
  ingress = [
    "ACCEPT#0.0.0.0/0#22#TCP",
    "ACCEPT#0.0.0.0/0#10250#TCP",
    "ACCEPT#0.0.0.0/0#8022#TCP",
  ]
}
`,
		".tkesglint.yml": `sensitive_services:
  add:
    - { name: Ops, protocol: TCP, ports: "22,8022,10250", level: warning, why: our admin ports }
`,
	}
	r = runIn(t, owned, ".")
	if strings.Count(r.stdout, " TKESG206: ") != 1 || !strings.Contains(r.stdout, "accepts Ops from the world (0.0.0.0/0), for example TCP 8022 from") ||
		!strings.Contains(r.stdout, "warning TKESG202") || !strings.Contains(r.stdout, "error TKESG203") {
		t.Errorf("ports of TKESG202/203 listed as a service:\n%s%s", r.stdout, r.stderr)
	}

	// checks.levels changes the findings at the check's level; a service's
	// own error stays an error.
	files[".tkesglint.yml"] = "checks:\n  levels: { TKESG206: note }\n"
	r = runIn(t, files, "--enable", "TKESG206", ".")
	want = map[string]string{"Kibana": "note", "Kafka": "note", "Redis": "error"}
	if got := levelsOf(r.stdout, names...); !maps.Equal(got, want) {
		t.Errorf("checks.levels: levels %v, want %v:\n%s%s", got, want, r.stdout, r.stderr)
	}
}

func TestSensitiveServicesConfigErrors(t *testing.T) {
	tests := []struct{ name, config, want string }{
		{"unknown name", "sensitive_services:\n  disable: [Kibanna]\n",
			`.tkesglint.yml:2:13: invalid configuration: unknown sensitive service "Kibanna"`},
		{"unknown level name", "sensitive_services:\n  levels: { Redis: error, Reddis: error }\n",
			`.tkesglint.yml:2:27: invalid configuration: unknown sensitive service "Reddis"`},
		{"unknown key", "sensitive_services:\n  disabled: [Kibana]\n",
			`.tkesglint.yml:2:3: invalid configuration: unknown key "disabled" in sensitive_services`},
		{"bad level", "sensitive_services:\n  levels: { Kafka: fatal }\n",
			`.tkesglint.yml:2:20: invalid configuration: sensitive_services.levels.Kafka: "fatal" is not error, warning or note`},
		{"disabled and given a level", "sensitive_services:\n  disable: [Kafka]\n  levels: { kafka: error }\n",
			`.tkesglint.yml:3:13: invalid configuration: sensitive_services.levels.kafka: the service is also disabled`},
		{"unknown key in an entry", "sensitive_services:\n  add:\n    - { name: X, protocol: TCP, port: \"1\", level: error, why: y }\n",
			`.tkesglint.yml:3:33: invalid configuration: unknown key "port" in a sensitive service`},
		{"missing field", "sensitive_services:\n  add:\n    - { name: X, protocol: TCP, ports: \"1\", level: error }\n",
			`.tkesglint.yml:3:7: invalid configuration: the sensitive service has no "why"`},
		{"duplicate of a built-in", "sensitive_services:\n  add:\n    - { name: mysql, protocol: TCP, ports: \"3307\", level: error, why: y }\n",
			`.tkesglint.yml:3:7: duplicate sensitive service mysql: it is already defined at rulesets/sensitive-services.yaml:15:5`},
		{"ICMP", "sensitive_services:\n  add:\n    - { name: X, protocol: ICMP, ports: \"1\", level: error, why: y }\n",
			`.tkesglint.yml:3:28: invalid configuration: protocol "ICMP" must be TCP or UDP`},
		{"ALL ports", "sensitive_services:\n  add:\n    - { name: X, protocol: TCP, ports: ALL, level: error, why: y }\n",
			`.tkesglint.yml:3:40: invalid configuration: a sensitive service names its ports, not ALL`},
		{"bad port", "sensitive_services:\n  add:\n    - { name: X, protocol: [TCP, UDP], ports: 70000, level: error, why: y }\n",
			`port 70000 is outside 1..65535`},
		{"two lines", "sensitive_services:\n  add:\n    - name: X\n      protocol: TCP\n      ports: \"1\"\n      level: error\n      why: |\n        a\n        b\n",
			`.tkesglint.yml:7:12: invalid configuration: why must be one line`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runIn(t, map[string]string{"main.tf": servicesSG, ".tkesglint.yml": tt.config}, ".")
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant it to contain %q", r.code, r.stderr, tt.want)
			}
		})
	}
}
