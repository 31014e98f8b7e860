// Package inputs reads the files a run found into units, the models that
// analyzers see one at a time, as the command line reads them: every
// Terraform file (configuration, variable files, plans) goes to
// terraform.ParseTree, which evaluates each root module with the modules it
// calls; each template is a unit; the API exports are merged into one unit,
// since they describe one account. The driver of the command line and the
// tests of the checks both call Parse, so that a fixture is read as a user's
// files are.
package inputs
