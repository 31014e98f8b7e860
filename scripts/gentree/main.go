// Command gentree writes a Terraform tree for the whole-process benchmark
// of scripts/bench-tree.sh: envs/eNNN root modules that call shared local
// modules with for_each and count, dynamic rule blocks over variables, and
// cidrsubnet. With -literal it writes the same number of files with the
// same resources written as literals, the baseline.
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
	flag.Parse()
	if *out == "" {
		panic("gentree: -out is required")
	}
	if err := generate(*out, *envs, *literal); err != nil {
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

func generate(out string, envs int, literal bool) error {
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
