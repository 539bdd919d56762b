package template

import "testing"

// TestClassify pins how single tags of each language are read: what they
// print and the part they play in the block structure.
func TestClassify(t *testing.T) {
	type want struct {
		kind   Kind
		role   role
		loop   bool
		silent bool
	}
	tests := []struct {
		in   string
		want want
	}{
		// Liquid, Jinja, Nunjucks, Twig.
		{"{{ page.title }}", want{Output, plain, false, false}},
		{"{{- page.title -}}", want{Output, plain, false, false}},
		{"{% if page.image %}", want{Control, opener, false, false}},
		{"{%- unless forloop.last -%}", want{Control, opener, false, false}},
		{"{% for a in authors %}", want{Control, opener, true, false}},
		{"{% elsif x %}", want{Control, brancher, false, false}},
		{"{% elif x %}", want{Control, brancher, false, false}},
		{"{% when 'a' %}", want{Control, brancher, false, false}},
		{"{% endfor %}", want{Control, closer, false, false}},
		{"{% capture x %}", want{Control, opener, false, true}},
		{"{% set x %}", want{Control, opener, false, true}},
		{"{% set x = 1 %}", want{Control, plain, false, false}},
		{"{% assign x = 1 %}", want{Control, plain, false, false}},
		{"{% render 'crumb' %}", want{Output, plain, false, false}},
		{"{# note #}", want{Comment, plain, false, false}},
		{"{% comment %}x{% endcomment %}", want{Comment, plain, false, false}},
		// Handlebars and Mustache.
		{"{{#each crumbs}}", want{Control, opener, true, false}},
		{"{{~#each crumbs~}}", want{Control, opener, true, false}},
		{"{{#if x}}", want{Control, opener, false, false}},
		{"{{#items}}", want{Control, opener, true, false}},
		{"{{^items}}", want{Control, opener, false, false}},
		{"{{^}}", want{Control, brancher, false, false}},
		{"{{else}}", want{Control, brancher, false, false}},
		{"{{/each}}", want{Control, closer, false, false}},
		{"{{> crumb}}", want{Output, plain, false, false}},
		{"{{{body}}}", want{Output, plain, false, false}},
		{"{{&url}}", want{Output, plain, false, false}},
		{"{{!-- c --}}", want{Comment, plain, false, false}},
		// Go templates.
		{"{{ range $i, $c := .Crumbs }}", want{Control, opener, true, false}},
		{"{{- if .X }}", want{Control, opener, false, false}},
		{"{{ with .X }}", want{Control, opener, false, false}},
		{"{{ define \"x\" }}", want{Control, opener, false, true}},
		{"{{ else if .Y }}", want{Control, brancher, false, false}},
		{"{{ end }}", want{Control, closer, false, false}},
		{"{{ $n := len .A }}", want{Control, plain, false, false}},
		{"{{ template \"x\" . }}", want{Output, plain, false, false}},
		{"{{/* c */}}", want{Comment, plain, false, false}},
		// PHP.
		{"<?= $x ?>", want{Output, plain, false, false}},
		{"<?php echo esc_js( $x ); ?>", want{Output, plain, false, false}},
		{"<?php the_title(); ?>", want{Output, plain, false, false}},
		{"<?php foreach ( $a as $b ) : ?>", want{Control, opener, true, false}},
		{"<?php foreach ( $a as $b ) { ?>", want{Control, opener, true, false}},
		{"<?php if ( $x ) : ?>", want{Control, opener, false, false}},
		{"<?php if ( $i ) echo ','; ?>", want{Output, plain, false, false}},
		{"<?php else : ?>", want{Control, brancher, false, false}},
		{"<?php } else { ?>", want{Control, brancher, false, false}},
		{"<?php endforeach; ?>", want{Control, closer, false, false}},
		{"<?php } ?>", want{Control, closer, false, false}},
		{"<?php $x = 1; ?>", want{Control, plain, false, false}},
		// ERB.
		{"<%= @x %>", want{Output, plain, false, false}},
		{"<%== raw %>", want{Output, plain, false, false}},
		{"<%# c %>", want{Comment, plain, false, false}},
		{"<% @a.each do |x| %>", want{Control, opener, true, false}},
		{"<%- @a.each_with_index do |x, i| -%>", want{Control, opener, true, false}},
		{"<% if x %>", want{Control, opener, false, false}},
		{"<% elsif y %>", want{Control, brancher, false, false}},
		{"<% end %>", want{Control, closer, false, false}},
		{"<% x = 1 %>", want{Control, plain, false, false}},
	}
	for _, tt := range tests {
		tags := scanTags([]byte(tt.in))
		if len(tags) == 0 {
			t.Errorf("%s: no tag found", tt.in)
			continue
		}
		tg := tags[0]
		got := want{tg.kind, tg.role, tg.loop, tg.silent}
		if got != tt.want || tg.span.Start != 0 || tg.span.End != len(tt.in) && tg.kind != Comment {
			t.Errorf("%s: got %+v over %v, want %+v over the whole text", tt.in, got, tg.span, tt.want)
		}
	}
}
