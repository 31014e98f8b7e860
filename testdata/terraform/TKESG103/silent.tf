# TKESG103 near misses: node security groups that must not get a TKESG103
# finding (some get a TKESG101 finding instead, which is not under test here).
# Every cluster has its own VPC 10.0.0.0/16 with the node subnet 10.0.1.0/24 and
# the GR container network 172.16.0.0/16.

# The fix: the DROP of UDP 53 from the world comes after the pod and VPC
# rules, so DNS from the pods is accepted first.
resource "tencentcloud_vpc" "dns_drop_below" {
  name       = "tkesg103-dns-drop-below"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "dns_drop_below_nodes" {
  name              = "tkesg103-dns-drop-below-nodes"
  vpc_id            = tencentcloud_vpc.dns_drop_below.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "dns_drop_below_nodes" {
  name        = "tkesg103-dns-drop-below-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "dns_drop_below_nodes" {
  security_group_id = tencentcloud_security_group.dns_drop_below_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "53"
    description = "no open resolver"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "dns_drop_below" {
  vpc_id                  = tencentcloud_vpc.dns_drop_below.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-dns-drop-below"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.dns_drop_below_nodes.id
    security_group_ids = [tencentcloud_security_group.dns_drop_below_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A DROP of TCP 53 (not UDP) from the world above the pod rule. It breaks DNS
# over TCP from the pods, which is part of TKESG101 (reported as TKESG101), but
# TKESG103 is about UDP 53 and loses nothing.
resource "tencentcloud_vpc" "tcp53_drop" {
  name       = "tkesg103-tcp53-drop"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "tcp53_drop_nodes" {
  name              = "tkesg103-tcp53-drop-nodes"
  vpc_id            = tencentcloud_vpc.tcp53_drop.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "tcp53_drop_nodes" {
  name        = "tkesg103-tcp53-drop-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "tcp53_drop_nodes" {
  security_group_id = tencentcloud_security_group.tcp53_drop_nodes.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "53"
    description = "no zone transfers"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "tcp53_drop" {
  vpc_id                  = tencentcloud_vpc.tcp53_drop.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-tcp53-drop"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.tcp53_drop_nodes.id
    security_group_ids = [tencentcloud_security_group.tcp53_drop_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A DROP of UDP 53 from one abusive address range above the pod rule: it
# does not overlap the pod CIDR.
resource "tencentcloud_vpc" "resolver_abuser_drop" {
  name       = "tkesg103-resolver-abuser-drop"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "resolver_abuser_drop_nodes" {
  name              = "tkesg103-resolver-abuser-drop-nodes"
  vpc_id            = tencentcloud_vpc.resolver_abuser_drop.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "resolver_abuser_drop_nodes" {
  name        = "tkesg103-resolver-abuser-drop-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "resolver_abuser_drop_nodes" {
  security_group_id = tencentcloud_security_group.resolver_abuser_drop_nodes.id

  ingress {
    action      = "DROP"
    cidr_block  = "203.0.113.0/24"
    protocol    = "UDP"
    port        = "53"
    description = "abusive scanner"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "resolver_abuser_drop" {
  vpc_id                  = tencentcloud_vpc.resolver_abuser_drop.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-resolver-abuser-drop"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.resolver_abuser_drop_nodes.id
    security_group_ids = [tencentcloud_security_group.resolver_abuser_drop_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The pods are accepted for TCP only: no rule matches UDP 53 from the pods,
# but the binding also loses all other UDP and ICMP from the pods. TKESG101's
# lost flows contain TKESG103's: one TKESG101 at the binding, no TKESG103.
resource "tencentcloud_vpc" "pods_tcp_only" {
  name       = "tkesg103-pods-tcp-only"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pods_tcp_only_nodes" {
  name              = "tkesg103-pods-tcp-only-nodes"
  vpc_id            = tencentcloud_vpc.pods_tcp_only.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "pods_tcp_only_nodes" {
  name        = "tkesg103-pods-tcp-only-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "pods_tcp_only_nodes" {
  security_group_id = tencentcloud_security_group.pods_tcp_only_nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "TCP"
    port        = "ALL"
    description = "pods, tcp only"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "pods_tcp_only" {
  vpc_id                  = tencentcloud_vpc.pods_tcp_only.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-pods-tcp-only"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.pods_tcp_only_nodes.id
    security_group_ids = [tencentcloud_security_group.pods_tcp_only_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A DROP ALL from the world at the top drops all of TKESG101, 102, 103 and
# 104: a tie, reported once as TKESG101 (see TKESG101/), not as TKESG103.
resource "tencentcloud_vpc" "drop_all_top" {
  name       = "tkesg103-drop-all-top"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "drop_all_top_nodes" {
  name              = "tkesg103-drop-all-top-nodes"
  vpc_id            = tencentcloud_vpc.drop_all_top.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "drop_all_top_nodes" {
  name        = "tkesg103-drop-all-top-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "drop_all_top_nodes" {
  security_group_id = tencentcloud_security_group.drop_all_top_nodes.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "deny everything"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "drop_all_top" {
  vpc_id                  = tencentcloud_vpc.drop_all_top.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg103-drop-all-top"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.drop_all_top_nodes.id
    security_group_ids = [tencentcloud_security_group.drop_all_top_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}
