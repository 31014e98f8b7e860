// Command gentree writes a Terraform tree for the whole-process benchmark
// of scripts/bench.sh: envs/eNNN root modules that call shared local
// modules with for_each and count, dynamic rule blocks over variables, and
// cidrsubnet. With -literal it writes the same number of files with the
// same resources written as literals.
//
// With -rules N each root module also holds a rules.tf: one security group
// bound to a CVM, with N ingress rules written out, the bulk of a large
// monorepo. They accept private sources only, and no check fires; with
// -open one rule in three accepts the world instead, on ports that the
// exposure checks report (SSH, RDP, the kubelet, databases, every port),
// for about 21 findings per root module at -rules 60.
//
//	go run ./scripts/gentree -out DIR -envs 700 -rules 60 [-open]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "", "folder to write (must not exist)")
	envs := flag.Int("envs", 330, "number of root modules (3 files each, plus 6 module files)")
	literal := flag.Bool("literal", false, "write literal resources instead of modules and loops")
	rules := flag.Int("rules", 0, "ingress rules written out in each root module's rules.tf (0: no rules.tf; at most 100)")
	open := flag.Bool("open", false, "with -rules: one rule in three accepts the world")
	flag.Parse()
	if *out == "" {
		panic("gentree: -out is required")
	}
	if *rules < 0 || *rules > 100 || *open && *rules == 0 {
		panic("gentree: -rules must be 0 to 100, and -open needs -rules")
	}
	if err := generate(*out, *envs, *literal, *rules, *open); err != nil {
		panic("gentree: " + err.Error())
	}
}

func write(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("mkdir %s: %w", path, err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func generate(out string, envs int, literal bool, rules int, open bool) error {
	files := map[string]string{}
	if !literal {
		files["modules/sg/main.tf"] = moduleSG
		files["modules/sg/variables.tf"] = moduleSGVars
		files["modules/sg/outputs.tf"] = `output "id" { value = tencentcloud_security_group.this.id }` + "\n"
		files["modules/rules/main.tf"] = moduleRules
		files["modules/rules/variables.tf"] = "variable \"sg_id\" {}\nvariable \"rules\" {}\n"
		files["modules/rules/outputs.tf"] = "output \"n\" { value = length(var.rules) }\n"
	}
	for i := range envs {
		dir := fmt.Sprintf("envs/e%03d/", i)
		if rules > 0 {
			files[dir+"rules.tf"] = rulesFile(i, rules, open)
		}
		if literal {
			files[dir+"main.tf"] = literalMain(i)
			files[dir+"variables.tf"] = "variable \"unused\" {\n  default = \"x\"\n}\n"
			files[dir+"outputs.tf"] = "output \"n\" { value = 4 }\n"
			continue
		}
		files[dir+"main.tf"] = envMain
		files[dir+"variables.tf"] = envVars
		files[dir+"terraform.tfvars"] = fmt.Sprintf("vpc_cidr = \"10.%d.0.0/16\"\n", i%250)
	}
	for p, text := range files {
		if err := write(filepath.Join(out, filepath.FromSlash(p)), text); err != nil {
			return err
		}
	}
	return nil
}

const envMain = `module "tiers" {
  source   = "../../modules/sg"
  for_each = toset(["web", "app", "db"])
  name     = each.key
  vpc_cidr = var.vpc_cidr
  index    = index(["web", "app", "db"], each.key)
}

module "extra" {
  source   = "../../modules/sg"
  count    = 1
  name     = "extra-${count.index}"
  vpc_cidr = var.vpc_cidr
  index    = 3
}

resource "tencentcloud_instance" "cvm" {
  orderly_security_groups = concat(values(module.tiers)[*].id, module.extra[*].id)
}
`

const envVars = `variable "vpc_cidr" {
  type = string
}
`

const moduleSG = `resource "tencentcloud_security_group" "this" {
  name = var.name
}

module "rules" {
  source = "../rules"
  sg_id  = tencentcloud_security_group.this.id
  rules = [for p in [22, 80, 443, 8080] : {
    cidr = cidrsubnet(var.vpc_cidr, 8, var.index)
    port = tostring(p)
  }]
}
`

const moduleSGVars = `variable "name" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "index" {
  type = number
}
`

const moduleRules = `resource "tencentcloud_security_group_rule_set" "this" {
  security_group_id = var.sg_id

  dynamic "ingress" {
    for_each = var.rules
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = "TCP"
      port       = ingress.value.port
    }
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
`

// literalMain writes the resources one env instantiates, as literals.
func literalMain(i int) string {
	var b strings.Builder
	for j, name := range []string{"web", "app", "db", "extra"} {
		fmt.Fprintf(&b, "resource \"tencentcloud_security_group\" %q {\n  name = %q\n}\n\n", name, name)
		fmt.Fprintf(&b, "resource \"tencentcloud_security_group_rule_set\" %q {\n  security_group_id = tencentcloud_security_group.%s.id\n", name, name)
		for _, p := range []int{22, 80, 443, 8080} {
			fmt.Fprintf(&b, "  ingress {\n    action     = \"ACCEPT\"\n    cidr_block = \"10.%d.%d.0/24\"\n    protocol   = \"TCP\"\n    port       = \"%d\"\n  }\n", i%250, j, p)
		}
		b.WriteString("  egress {\n    action     = \"ACCEPT\"\n    cidr_block = \"0.0.0.0/0\"\n  }\n}\n\n")
	}
	b.WriteString("resource \"tencentcloud_instance\" \"cvm\" {\n  orderly_security_groups = [tencentcloud_security_group.web.id, tencentcloud_security_group.app.id, tencentcloud_security_group.db.id, tencentcloud_security_group.extra.id]\n}\n")
	return b.String()
}

// openPorts are the ports of the world-open rules of -open, each reported
// by some exposure check: SSH and RDP (TKESG202), the kubelet and the API
// server (TKESG203), databases (TKESG206). The last rule of each group
// accepts every port (TKESG201); written earlier it would shadow the
// others.
func openPorts() []string {
	return []string{"22", "3389", "10250", "6443", "3306", "6379", "27017", "5432", "9200"}
}

// groupSize is the number of rules of each security group of rules.tf.
const groupSize = 20

// rulesFile writes n ingress rules in security groups of groupSize rules,
// bound to one CVM each. The private rules accept distinct ports from
// distinct /24s of the env's network, so that no rule shadows another.
func rulesFile(env, n int, open bool) string {
	var b strings.Builder
	for g := 0; g*groupSize < n; g++ {
		rules := min(groupSize, n-g*groupSize)
		fmt.Fprintf(&b, "resource \"tencentcloud_security_group\" \"bulk%d\" {\n  name        = \"bulk-%d\"\n  description = \"written-out rules\"\n}\n\n", g, g)
		fmt.Fprintf(&b, "resource \"tencentcloud_security_group_rule_set\" \"bulk%d\" {\n  security_group_id = tencentcloud_security_group.bulk%d.id\n", g, g)
		for r := range rules {
			cidr := fmt.Sprintf("10.%d.%d.0/24", env%250, g*groupSize+r)
			proto, port := "TCP", fmt.Sprint(20000+g*groupSize+r)
			switch {
			case open && r == rules-1:
				cidr, proto, port = "0.0.0.0/0", "ALL", "ALL"
			case open && r%3 == 0:
				ports := openPorts()
				cidr, port = "0.0.0.0/0", ports[(g+r/3)%len(ports)]
			}
			fmt.Fprintf(&b, "\n  ingress {\n    action      = \"ACCEPT\"\n    cidr_block  = %q\n    protocol    = %q\n    port        = %q\n    description = \"rule %d of env %d\"\n  }\n", cidr, proto, port, r, env)
		}
		b.WriteString("\n  egress {\n    action     = \"ACCEPT\"\n    cidr_block = \"10.0.0.0/8\"\n    protocol   = \"ALL\"\n    port       = \"ALL\"\n  }\n}\n\n")
		fmt.Fprintf(&b, "resource \"tencentcloud_instance\" \"bulk%d\" {\n  instance_name           = \"bulk-%d\"\n  orderly_security_groups = [tencentcloud_security_group.bulk%d.id]\n}\n\n", g, g, g)
	}
	return b.String()
}
