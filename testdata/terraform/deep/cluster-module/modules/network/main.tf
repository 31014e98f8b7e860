variable "vpc_cidr" {
  type = string
}

resource "tencentcloud_vpc" "this" {
  name       = "deep"
  cidr_block = var.vpc_cidr
}

resource "tencentcloud_subnet" "nodes" {
  name              = "deep-nodes"
  vpc_id            = tencentcloud_vpc.this.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, 1)
}

output "vpc_id" {
  value = tencentcloud_vpc.this.id
}

output "vpc_cidr" {
  value = tencentcloud_vpc.this.cidr_block
}

output "subnet_id" {
  value = tencentcloud_subnet.nodes.id
}
