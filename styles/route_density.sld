<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml" xmlns:sld="http://www.opengis.net/sld" version="1.0.0">
  <UserLayer>
    <sld:LayerFeatureConstraints>
      <sld:FeatureTypeConstraint/>
    </sld:LayerFeatureConstraints>
    <sld:UserStyle>
      <sld:Name>route_density</sld:Name>
      <sld:FeatureTypeStyle>
        <sld:Rule>
          <sld:RasterSymbolizer>
            <sld:ChannelSelection>
              <sld:GrayChannel>
                <sld:SourceChannelName>1</sld:SourceChannelName>
              </sld:GrayChannel>
            </sld:ChannelSelection>
            <sld:ColorMap type="ramp">
              <sld:ColorMapEntry opacity="0" color="#ffffff" label="No route / Aucun itinéraire" quantity="0"/>
              <sld:ColorMapEntry opacity="0.784314" color="#a1dab4" label="1 route / 1 itinéraire" quantity="1"/>
              <sld:ColorMapEntry opacity="0.862745" color="#41b6c4" label="5 routes / 5 itinéraires" quantity="5"/>
              <sld:ColorMapEntry opacity="0.921569" color="#2c7fb8" label="20 routes / 20 itinéraires" quantity="20"/>
              <sld:ColorMapEntry color="#253494" label="50 routes or more / 50 itinéraires ou plus" quantity="50"/>
            </sld:ColorMap>
          </sld:RasterSymbolizer>
        </sld:Rule>
      </sld:FeatureTypeStyle>
    </sld:UserStyle>
  </UserLayer>
</StyledLayerDescriptor>
