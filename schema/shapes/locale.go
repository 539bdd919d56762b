package shapes

import (
	"bytes"
	"sync"
	"text/template"

	"github.com/xeipuuv/gojsonschema"
)

// gojsonschema formats a description through text/template for every
// error it finds, and a large block has hundreds of thousands: most are
// required properties that are only recommended, in shapes whose findings
// are made from the error's type and details alone. quietLocale gives
// those errors a constant description, which formats at almost no cost,
// and describe formats gojsonschema's own English text for the house
// shapes, whose findings show it. InvalidType stays as it is: gojsonschema
// also formats it for errors in a shape itself.
func init() { gojsonschema.Locale = quietLocale{} }

const quietDescription = "-"

type quietLocale struct{ gojsonschema.DefaultLocale }

func (quietLocale) False() string                        { return quietDescription }
func (quietLocale) Required() string                     { return quietDescription }
func (quietLocale) NumberAnyOf() string                  { return quietDescription }
func (quietLocale) NumberOneOf() string                  { return quietDescription }
func (quietLocale) NumberAllOf() string                  { return quietDescription }
func (quietLocale) NumberNot() string                    { return quietDescription }
func (quietLocale) MissingDependency() string            { return quietDescription }
func (quietLocale) Internal() string                     { return quietDescription }
func (quietLocale) Const() string                        { return quietDescription }
func (quietLocale) Enum() string                         { return quietDescription }
func (quietLocale) ArrayNoAdditionalItems() string       { return quietDescription }
func (quietLocale) ArrayMinItems() string                { return quietDescription }
func (quietLocale) ArrayMaxItems() string                { return quietDescription }
func (quietLocale) Unique() string                       { return quietDescription }
func (quietLocale) ArrayContains() string                { return quietDescription }
func (quietLocale) ArrayMinProperties() string           { return quietDescription }
func (quietLocale) ArrayMaxProperties() string           { return quietDescription }
func (quietLocale) AdditionalPropertyNotAllowed() string { return quietDescription }
func (quietLocale) InvalidPropertyPattern() string       { return quietDescription }
func (quietLocale) InvalidPropertyName() string          { return quietDescription }
func (quietLocale) StringGTE() string                    { return quietDescription }
func (quietLocale) StringLTE() string                    { return quietDescription }
func (quietLocale) DoesNotMatchPattern() string          { return quietDescription }
func (quietLocale) DoesNotMatchFormat() string           { return quietDescription }
func (quietLocale) MultipleOf() string                   { return quietDescription }
func (quietLocale) NumberGTE() string                    { return quietDescription }
func (quietLocale) NumberGT() string                     { return quietDescription }
func (quietLocale) NumberLTE() string                    { return quietDescription }
func (quietLocale) NumberLT() string                     { return quietDescription }
func (quietLocale) ConditionThen() string                { return quietDescription }
func (quietLocale) ConditionElse() string                { return quietDescription }

// englishFormats are gojsonschema's descriptions by error type, as its
// DefaultLocale words them.
var englishFormats = func() map[string]string {
	l := gojsonschema.DefaultLocale{}
	return map[string]string{
		"false": l.False(), "required": l.Required(), "invalid_type": l.InvalidType(),
		"number_any_of": l.NumberAnyOf(), "number_one_of": l.NumberOneOf(), "number_all_of": l.NumberAllOf(),
		"number_not": l.NumberNot(), "missing_dependency": l.MissingDependency(), "internal": l.Internal(),
		"const": l.Const(), "enum": l.Enum(), "array_no_additional_items": l.ArrayNoAdditionalItems(),
		"array_min_items": l.ArrayMinItems(), "array_max_items": l.ArrayMaxItems(), "unique": l.Unique(),
		"contains": l.ArrayContains(), "array_min_properties": l.ArrayMinProperties(),
		"array_max_properties": l.ArrayMaxProperties(), "additional_property_not_allowed": l.AdditionalPropertyNotAllowed(),
		"invalid_property_pattern": l.InvalidPropertyPattern(), "invalid_property_name": l.InvalidPropertyName(),
		"string_gte": l.StringGTE(), "string_lte": l.StringLTE(), "pattern": l.DoesNotMatchPattern(),
		"format": l.DoesNotMatchFormat(), "multiple_of": l.MultipleOf(), "number_gte": l.NumberGTE(),
		"number_gt": l.NumberGT(), "number_lte": l.NumberLTE(), "number_lt": l.NumberLT(),
		"condition_then": l.ConditionThen(), "condition_else": l.ConditionElse(),
	}
}()

var englishTemplates sync.Map // format → *template.Template

// description is the description gojsonschema's DefaultLocale gives re,
// formatted as gojsonschema formats it.
func description(re gojsonschema.ResultError) string {
	format, ok := englishFormats[re.Type()]
	if !ok || re.DescriptionFormat() != quietDescription {
		return re.Description() // formatted by gojsonschema already
	}
	var tpl *template.Template
	if t, ok := englishTemplates.Load(format); ok {
		tpl = t.(*template.Template)
	} else {
		tpl = template.New(format)
		if gojsonschema.ErrorTemplateFuncs != nil {
			tpl.Funcs(gojsonschema.ErrorTemplateFuncs)
		}
		var err error
		if tpl, err = tpl.Parse(format); err != nil {
			return err.Error()
		}
		englishTemplates.Store(format, tpl)
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, re.Details()); err != nil {
		return err.Error()
	}
	return b.String()
}
