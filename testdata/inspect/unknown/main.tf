# Ends whose addresses the input does not give: trace and show must leave
# the flows they may reach undecided, never dropped.

# Two CVMs in no subnet or VPC, that accept everything from, and send
# everything to, the whole world.
resource "tencentcloud_security_group" "open" { name = "open" }

resource "tencentcloud_security_group_rule_set" "open" {
  security_group_id = tencentcloud_security_group.open.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
  egress {
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
  }
}

resource "tencentcloud_instance" "left" {
  instance_name           = "left"
  orderly_security_groups = [tencentcloud_security_group.open.id]
}

resource "tencentcloud_instance" "right" {
  instance_name           = "right"
  orderly_security_groups = [tencentcloud_security_group.open.id]
}

# A web server in a VPC, and a client in none; a second VPC with a subnet
# that the client must not be taken to be in.
resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_vpc" "lab" {
  name       = "lab"
  cidr_block = "192.168.0.0/16"
}

resource "tencentcloud_subnet" "lab" {
  vpc_id            = tencentcloud_vpc.lab.id
  cidr_block        = "192.168.1.0/24"
  name              = "lab"
  availability_zone = "ap-guangzhou-3"
}

resource "tencentcloud_security_group" "web" { name = "web" }

resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
  }
}

resource "tencentcloud_instance" "web" {
  instance_name           = "web"
  vpc_id                  = tencentcloud_vpc.main.id
  orderly_security_groups = [tencentcloud_security_group.web.id]
}

resource "tencentcloud_instance" "client" {
  instance_name           = "client"
  orderly_security_groups = [tencentcloud_security_group.open.id]
}

# A cluster whose VPC is not given: its nodes' addresses are unknown. The
# nodes accept TCP 22 from the bastion's group, and everything from the
# VPC range, which may hold the bastion too.
resource "tencentcloud_security_group" "edge_nodes" { name = "edge-nodes" }
resource "tencentcloud_security_group" "bastion" { name = "bastion" }

resource "tencentcloud_security_group_rule_set" "edge_nodes" {
  security_group_id = tencentcloud_security_group.edge_nodes.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "172.20.0.0/16"
  }
  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.edge_nodes.id
  }
  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.bastion.id
    protocol           = "TCP"
    port               = "22"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
  }
  ingress {
    action             = "DROP"
    source_security_id = tencentcloud_security_group.bastion.id
    protocol           = "TCP"
    port               = "8000-8100"
  }
  egress {
    action     = "DROP"
    cidr_block = "10.0.5.0/24"
    protocol   = "TCP"
    port       = "9000"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_security_group_rule_set" "bastion" {
  security_group_id = tencentcloud_security_group.bastion.id
  egress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "22"
  }
}

resource "tencentcloud_kubernetes_cluster" "edge" {
  cluster_name        = "edge"
  cluster_cidr        = "172.20.0.0/16"
  service_cidr        = "192.168.0.0/22"
  cluster_deploy_type = "MANAGED_CLUSTER"
  worker_config {
    security_group_ids = [tencentcloud_security_group.edge_nodes.id]
  }
}

resource "tencentcloud_instance" "bastion" {
  instance_name           = "bastion"
  orderly_security_groups = [tencentcloud_security_group.bastion.id]
}

# A cluster in the main VPC, and a CVM outside it that accepts TCP 443 from
# the cluster's node group: an address of the lab subnet cannot be a member
# of that group, whose members lie in 10.0.0.0/16.
resource "tencentcloud_security_group" "core_nodes" { name = "core-nodes" }

resource "tencentcloud_security_group_rule_set" "core_nodes" {
  security_group_id = tencentcloud_security_group.core_nodes.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_kubernetes_cluster" "core" {
  vpc_id              = tencentcloud_vpc.main.id
  cluster_name        = "core"
  cluster_cidr        = "172.22.0.0/16"
  service_cidr        = "192.168.8.0/22"
  cluster_deploy_type = "MANAGED_CLUSTER"
  worker_config {
    security_group_ids = [tencentcloud_security_group.core_nodes.id]
  }
}

resource "tencentcloud_security_group" "api" { name = "api" }

resource "tencentcloud_security_group_rule_set" "api" {
  security_group_id = tencentcloud_security_group.api.id
  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.core_nodes.id
    protocol           = "TCP"
    port               = "443"
  }
  # A group the input does not define: trace can still name it.
  ingress {
    action             = "DROP"
    source_security_id = "sg-99999999"
    protocol           = "TCP"
    port               = "22"
  }
}

resource "tencentcloud_instance" "api" {
  instance_name           = "api"
  vpc_id                  = tencentcloud_vpc.lab.id
  subnet_id               = tencentcloud_subnet.lab.id
  orderly_security_groups = [tencentcloud_security_group.api.id]
}
