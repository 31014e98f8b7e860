package edit

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tkesglint/tkesglint/parsers/model"
)

func (w *writer) dynamicInsert(ins *model.Insertion, f *tfFile, res, content *hclsyntax.Block) error {
	return notWritten("dynamic not yet")
}

func (w *writer) valueInsert(ins *model.Insertion, f *tfFile, res *hclsyntax.Block, expr hclsyntax.Expression, index int, elems []string) error {
	return notWritten("value not yet")
}

func (w *writer) insert(ins *model.Insertion) error {
	name := ins.Group.Resource.Range.Filename
	if ins.Before != nil {
		name = ins.Before.Range.Filename
	} else if owner, _, ok := ruleOwner(ins); ok {
		name = owner.Range.Filename
	} else if len(ins.Owners) > 0 {
		name = ins.Owners[0].Resource.Range.Filename
	}
	src, err := w.src(name)
	if err != nil {
		return err
	}
	owner, _, ok := ruleOwner(ins)
	if !ok && len(ins.Owners) > 0 {
		owner, ok = ins.Owners[0].Resource, true
	}
	if !ok {
		owner = ins.Group.Resource
	}
	switch kindOf(name, src) {
	case "tf":
		return w.insertTF(ins)
	case "tf.json":
		return notWritten("%s is Terraform in JSON, which tkesglint does not edit: add the rules there by hand", name)
	case "yaml":
		return w.insertYAML(ins, owner)
	case "template.json":
		return w.insertTemplateJSON(ins, owner)
	}
	return w.insertExport(ins, owner)
}
