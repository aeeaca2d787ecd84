<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml" xmlns:sld="http://www.opengis.net/sld" version="1.0.0">
  <UserLayer>
    <sld:LayerFeatureConstraints>
      <sld:FeatureTypeConstraint/>
    </sld:LayerFeatureConstraints>
    <sld:UserStyle>
      <sld:Name>current_density</sld:Name>
      <sld:FeatureTypeStyle>
        <sld:Rule>
          <sld:RasterSymbolizer>
            <sld:ChannelSelection>
              <sld:GrayChannel>
                <sld:SourceChannelName>1</sld:SourceChannelName>
              </sld:GrayChannel>
            </sld:ChannelSelection>
            <sld:ColorMap type="ramp">
              <sld:ColorMapEntry color="#ffffff" quantity="0" opacity="0" label="No current"/>
              <sld:ColorMapEntry color="#ffffb2" quantity="0.050000000000000003" opacity="0.588235" label="0.05 trip"/>
              <sld:ColorMapEntry color="#fecc5c" quantity="0.20000000000000001" opacity="0.745098" label="0.2 trip"/>
              <sld:ColorMapEntry color="#fd8d3c" quantity="0.5" opacity="0.862745" label="0.5 trip"/>
              <sld:ColorMapEntry color="#f03b20" quantity="1" opacity="0.941176" label="1 trip (all its current)"/>
              <sld:ColorMapEntry color="#bd0026" quantity="5" label="5 trips or more"/>
            </sld:ColorMap>
          </sld:RasterSymbolizer>
        </sld:Rule>
      </sld:FeatureTypeStyle>
    </sld:UserStyle>
  </UserLayer>
</StyledLayerDescriptor>
