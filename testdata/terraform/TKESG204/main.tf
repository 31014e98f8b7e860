# TKESG204: the internet endpoint SG of a cluster accepts TCP 443 from the
# world, or the deprecated managed_cluster_internet_security_policies holds a
# world CIDR. Annotated for every 2xx and 4xx check (the 1xx and 3xx checks
# that these clusters also trigger are not under test here).

resource "tencentcloud_vpc" "main" {
  name       = "tkesg204-vpc"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "nodes" {
  name              = "tkesg204-nodes"
  vpc_id            = tencentcloud_vpc.main.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

# The worker group shared by the clusters below, with TKE's defaults less SSH:
# nothing here is flagged.
resource "tencentcloud_security_group" "nodes" {
  name        = "tkesg204-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/12"
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
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# --- Public API server whose endpoint SG accepts HTTPS from everyone: fires.

resource "tencentcloud_security_group" "endpoint_open" {
  name        = "tkesg204-endpoint-open"
  description = "internet endpoint of the API server"
}

resource "tencentcloud_security_group_rule_set" "endpoint_open" {
  security_group_id = tencentcloud_security_group.endpoint_open.id

  ingress { # want "TKESG204 .*443"
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "443"
    description = "kubectl from anywhere"
  }
}

resource "tencentcloud_kubernetes_cluster" "open_endpoint" {
  vpc_id                          = tencentcloud_vpc.main.id
  cluster_cidr                    = "172.16.0.0/16"
  service_cidr                    = "192.168.0.0/22"
  cluster_name                    = "tkesg204-open-endpoint"
  cluster_version                 = "1.30.0"
  cluster_deploy_type             = "MANAGED_CLUSTER"
  cluster_max_pod_num             = 64
  cluster_max_service_num         = 256
  cluster_internet                = true
  cluster_internet_security_group = tencentcloud_security_group.endpoint_open.id

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# --- Public API server whose endpoint SG accepts HTTPS from the office only,
# and drops the rest: silent.

resource "tencentcloud_security_group" "endpoint_corp" {
  name        = "tkesg204-endpoint-corp"
  description = "internet endpoint, office only"
}

resource "tencentcloud_security_group_rule_set" "endpoint_corp" {
  security_group_id = tencentcloud_security_group.endpoint_corp.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "203.0.113.0/24"
    protocol    = "TCP"
    port        = "443"
    description = "office"
  }

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_kubernetes_cluster" "corp_endpoint" {
  vpc_id                          = tencentcloud_vpc.main.id
  cluster_cidr                    = "172.17.0.0/16"
  service_cidr                    = "192.168.4.0/22"
  cluster_name                    = "tkesg204-corp-endpoint"
  cluster_version                 = "1.30.0"
  cluster_internet                = true
  cluster_internet_security_group = tencentcloud_security_group.endpoint_corp.id

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# --- Endpoint managed by a separate tencentcloud_kubernetes_cluster_endpoint,
# whose SG is a lite rule that accepts HTTPS from everyone: fires on the
# string.

resource "tencentcloud_security_group" "endpoint_lite" {
  name = "tkesg204-endpoint-lite"
}

resource "tencentcloud_security_group_lite_rule" "endpoint_lite" {
  security_group_id = tencentcloud_security_group.endpoint_lite.id
  ingress = [
    "ACCEPT#203.0.113.0/24#ALL#TCP",
    "ACCEPT#0.0.0.0/0#443#TCP", # want "TKESG204 .*443"
  ]
}

resource "tencentcloud_kubernetes_cluster" "separate_endpoint" {
  vpc_id          = tencentcloud_vpc.main.id
  cluster_cidr    = "172.18.0.0/16"
  service_cidr    = "192.168.8.0/22"
  cluster_name    = "tkesg204-separate-endpoint"
  cluster_version = "1.30.0"

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_cluster_endpoint" "separate_endpoint" {
  cluster_id                      = tencentcloud_kubernetes_cluster.separate_endpoint.id
  cluster_internet                = true
  cluster_internet_security_group = tencentcloud_security_group.endpoint_lite.id
}

# --- Endpoint SG that accepts HTTPS from all of IPv6: fires.

resource "tencentcloud_security_group" "endpoint_ipv6" {
  name = "tkesg204-endpoint-ipv6"
}

resource "tencentcloud_security_group_rule_set" "endpoint_ipv6" {
  security_group_id = tencentcloud_security_group.endpoint_ipv6.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "203.0.113.0/24"
    protocol   = "TCP"
    port       = "443"
  }

  ingress { # want "TKESG204 .*443"
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "TCP"
    port            = "443"
  }
}

resource "tencentcloud_kubernetes_cluster" "ipv6_endpoint" {
  vpc_id                          = tencentcloud_vpc.main.id
  cluster_cidr                    = "172.19.0.0/16"
  service_cidr                    = "192.168.12.0/22"
  cluster_name                    = "tkesg204-ipv6-endpoint"
  cluster_version                 = "1.30.0"
  cluster_internet                = true
  cluster_internet_security_group = tencentcloud_security_group.endpoint_ipv6.id

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# --- The deprecated policy list: a world CIDR fires on its element, an
# office CIDR does not.

resource "tencentcloud_kubernetes_cluster" "policies_world" {
  vpc_id           = tencentcloud_vpc.main.id
  cluster_cidr     = "172.20.0.0/16"
  service_cidr     = "192.168.16.0/22"
  cluster_name     = "tkesg204-policies-world"
  cluster_version  = "1.30.0"
  cluster_internet = true
  managed_cluster_internet_security_policies = [
    "203.0.113.0/24",
    "0.0.0.0/0", # want "TKESG204"
  ]

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_cluster" "policies_corp" {
  vpc_id                                     = tencentcloud_vpc.main.id
  cluster_cidr                               = "172.21.0.0/16"
  service_cidr                               = "192.168.20.0/22"
  cluster_name                               = "tkesg204-policies-corp"
  cluster_version                            = "1.30.0"
  cluster_internet                           = true
  managed_cluster_internet_security_policies = ["203.0.113.0/24"]

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# --- HTTPS from everyone into an SG that is no endpoint SG (an ingress
# gateway behind a CLB): not TKESG204, and 443 is no 2xx port.

resource "tencentcloud_security_group" "ingress_gateway" {
  name        = "tkesg204-ingress-gateway"
  description = "public web traffic"
}

resource "tencentcloud_security_group_rule_set" "ingress_gateway" {
  security_group_id = tencentcloud_security_group.ingress_gateway.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "80,443"
  }
}
