package main

import (
	"strings"
	"testing"
)

// TestUndecidedReasons: a note on an undecided check names what is unknown,
// even when a function call or an error stands between the value and the
// rule, and says each reason once.
func TestUndecidedReasons(t *testing.T) {
	files := map[string]string{
		"main.tf": `module "sg" {
  source = "./m"
  ports  = concat(var.auto_ports, ["22"])
}

resource "tencentcloud_security_group" "web" {
  name = "web"
}

resource "tencentcloud_security_group_rule" "ssh" {
  security_group_id = tencentcloud_security_group.web.id
  type              = "ingress"
  cidr_ip           = cidrsubnet("10.0.0.0/16", 40, 1)
  ip_protocol       = "tcp"
  port_range        = "22"
  policy            = "accept"
}
`,
		"m/main.tf": `variable "ports" {
  type = list(string)
}

resource "tencentcloud_security_group" "sg" {
  name = "x"
}

resource "tencentcloud_security_group_rule" "r" {
  count             = length(var.ports)
  security_group_id = tencentcloud_security_group.sg.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "tcp"
  port_range        = var.ports[count.index]
  policy            = "accept"
}
`,
	}
	r := runIn(t, files, "--format", "text", ".")
	for _, want := range []string{
		"module.sg.tencentcloud_security_group_rule.r depends on values that are not known (var.auto_ports is not declared);",
		"tencentcloud_security_group_rule.ssh depends on values that are not known (error in function call at main.tf:13:23)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q in:\n%s%s", want, r.stdout, r.stderr)
		}
	}
	if strings.Contains(r.stdout, "not known statically") {
		t.Errorf("a reason was lost:\n%s", r.stdout)
	}
	if r.code != 2 {
		t.Errorf("exit %d, want 2 (the undeclared variable and the bad call are input errors)", r.code)
	}
}
