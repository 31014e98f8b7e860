# TKESG303: a CVM binds two groups that disagree on SSH through the
# deprecated security_groups set, whose order Terraform does not keep; the
# fix moves them, in the order written, to orderly_security_groups.

resource "tencentcloud_vpc" "main" {
  name       = "fix-set-binding"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "vms" {
  name              = "fix-set-binding-vms"
  vpc_id            = tencentcloud_vpc.main.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.2.0/24"
}

resource "tencentcloud_security_group" "baseline" {
  name = "fix-set-binding-baseline"
}

resource "tencentcloud_security_group_rule_set" "baseline" {
  security_group_id = tencentcloud_security_group.baseline.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "no SSH but from the bastion group"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "443"
    description = "HTTPS from the VPC"
  }
}

resource "tencentcloud_security_group" "ops" {
  name = "fix-set-binding-ops"
}

resource "tencentcloud_security_group_rule_set" "ops" {
  security_group_id = tencentcloud_security_group.ops.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.9.0/24"
    protocol    = "TCP"
    port        = "22"
    description = "SSH from the operators' subnet"
  }
}

resource "tencentcloud_instance" "app" {
  instance_name     = "fix-set-binding-app"
  availability_zone = "ap-guangzhou-3"
  image_id          = "img-eb30mz89"
  instance_type     = "SA5.MEDIUM2"
  vpc_id            = tencentcloud_vpc.main.id
  subnet_id         = tencentcloud_subnet.vms.id
  security_groups   = [tencentcloud_security_group.baseline.id, tencentcloud_security_group.ops.id]
}
