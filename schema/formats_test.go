package schema

import "testing"

func TestLiteralFits(t *testing.T) {
	tests := []struct {
		dt   string
		good []string
		bad  []string
	}{
		{"Date", []string{"2024-05-01", "2024-05", "2024", "20240501", "2024-05-01T10:00:00Z"},
			[]string{"yesterday", "2024-13-01", "2024-5-1", "01/05/2024", "11.11.2021", ""}},
		{"DateTime", []string{"2024-05-01T10:00:00Z", "2024-05-01T10:00:00.123+02:00", "2024-05-01 10:00", "2024-05-01", "20180619T055000+0900", "2024-05-01T10:00:00+0200"},
			[]string{"2024-05-01T4:10:00", "2020-09-29T00:30:00PDT", "Tue, 4 May 2021 19:18:00 +0200", "2020-01-10T00:59:47ZZ", "2022-01-10T22:06:08:684Z"}},
		{"Time", []string{"10:30", "10:30:00", "10:30:00.5Z", "23:59:59-05:00"}, []string{"10", "25:00", "10:60", "noon"}},
		{"Duration", []string{"PT1H30M", "P1D", "P2W", "PT0.5S", "P1Y2M3DT4H5M6S"}, []string{"P", "PT", "1H30M", "PT1H30", "30 minutes", "P1H"}},
		{"Number", []string{"4.5", "-3", "1e3", " 7 "}, []string{"four", "$10", "NaN", ""}},
		{"Integer", []string{"42", "-1"}, []string{"4.5", "forty"}},
		{"Boolean", []string{"true", "False", "https://schema.org/True", "http://schema.org/False", "schema:True"}, []string{"yes", "1", ""}},
		{"URL", []string{"https://example.com/a", "/relative/path", "photo.jpg"}, []string{"", "   ", "https://twitter.com/Jane Doe"}},
		{"Text", []string{"", "anything at all"}, nil},
	}
	for _, tt := range tests {
		for _, s := range tt.good {
			if !literalFits(tt.dt, s) {
				t.Errorf("%s rejects %q", tt.dt, s)
			}
		}
		for _, s := range tt.bad {
			if literalFits(tt.dt, s) {
				t.Errorf("%s accepts %q", tt.dt, s)
			}
		}
	}
}

func TestNumberAndBoolFits(t *testing.T) {
	if !numberFits("Integer", 3) || numberFits("Integer", 3.5) || numberFits("Date", 2020) || numberFits("Duration", 15) || !numberFits("Text", 1) {
		t.Error("numberFits wrong")
	}
	if !boolFits("Boolean") || boolFits("Number") || boolFits("URL") {
		t.Error("boolFits wrong")
	}
}
