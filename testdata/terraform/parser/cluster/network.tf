data "tencentcloud_vpc_instances" "shared" {
  name = "shared"
}

resource "tencentcloud_vpc" "vpc" {
  name       = "tke"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "workers" {
  vpc_id            = tencentcloud_vpc.vpc.id
  name              = "workers"
  cidr_block        = cidrsubnet(tencentcloud_vpc.vpc.cidr_block, 8, 2)
  availability_zone = "ap-guangzhou-3"
}

resource "tencentcloud_subnet" "shared" {
  vpc_id            = data.tencentcloud_vpc_instances.shared.instance_list.0.vpc_id
  name              = "shared"
  cidr_block        = "192.168.0.0/24"
  availability_zone = "ap-guangzhou-3"
}

resource "tencentcloud_address_template" "office" {
  name      = "office"
  addresses = ["10.0.0.1", "10.0.1.0/24", "10.0.0.1-10.0.0.100"]
}

resource "tencentcloud_address_template_group" "office" {
  name         = "office-group"
  template_ids = [tencentcloud_address_template.office.id]
}

resource "tencentcloud_protocol_template" "web" {
  name      = "web"
  protocols = ["tcp:80", "tcp:443", "udp:all"]
}

resource "tencentcloud_protocol_template_group" "web" {
  name         = "web-group"
  template_ids = [tencentcloud_protocol_template.web.id, "ppm-0f1e2d3c"]
}
