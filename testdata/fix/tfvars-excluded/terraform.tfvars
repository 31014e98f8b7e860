node_ingress = [
  "ACCEPT#10.0.0.0/16#ALL#ALL",
  "ACCEPT#0.0.0.0/0#30000-32768#TCP",
  "ACCEPT#0.0.0.0/0#30000-32768#UDP",
]

dynamic_rules = [
  { cidr = "10.0.0.0/16", protocol = "ALL", port = "ALL" },
  { cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768" },
  { cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768" },
]
